// audit.view: opening an appeal's personal data is written to the access log (152-ФЗ), without touching the appeal or the change log.
import { randomUUID } from 'node:crypto';
import { loadAppeal } from './appeal-writes.js';
import type { MutationHandlers } from './types.js';

export const auditHandlers: MutationHandlers<'audit.view'> = {
  async 'audit.view'(ctx, args) {
    // every role that can see the appeal opens it, and every opening is logged; outside the scope nothing is shown, so nothing to log
    const { appeal } = await loadAppeal(ctx, args.appealId);
    await ctx.trx
      .insertInto('audit_views')
      .values({
        id: randomUUID(),
        appeal_id: appeal.id,
        organisation_id: appeal.organisationId,
        region_id: appeal.regionId,
        user_id: ctx.user.id,
        user_name: ctx.user.displayName,
        device_id: ctx.clientId,
        viewed_at: args.at,
        logged_at: ctx.now,
      })
      .execute();
    // nothing for other consoles: the log is read on demand (GET /api/audit/views)
    return null;
  },
};
