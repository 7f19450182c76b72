// Handler of attachment.add: the metadata of a photo or document, authorised like a comment; the bytes follow over tus.
import { randomUUID } from 'node:crypto';
import type { AppealEvent, Attachment } from '../../shared/index.js';
import { appealFromRow, appendHistory } from '../store/rows.js';
import { inScope } from '../sync/scope.js';
import { attachmentToRow } from '../uploads/schema.js';
import { MutationRejected, type MutationHandlers } from './types.js';

export const attachmentHandlers: MutationHandlers<'attachment.add'> = {
  async 'attachment.add'(ctx, args) {
    // every role that may comment on an appeal in its scope may attach proof to it (field crews above all)
    const row = await ctx.trx.selectFrom('appeals').select(['doc', 'history']).where('id', '=', args.appealId).executeTakeFirst();
    if (!row) throw new MutationRejected('NOT_FOUND', `no appeal ${args.appealId}`);
    const appeal = appealFromRow(row);
    if (!inScope(ctx.user, appeal)) throw new MutationRejected('OUT_OF_SCOPE', `appeal ${args.appealId} is outside your scope`);

    const existing = await ctx.trx.selectFrom('attachments').selectAll().where('id', '=', args.attachmentId).executeTakeFirst();
    if (existing) {
      const same = existing.appeal_id === args.appealId && existing.sha256 === args.sha256;
      // a second console re-sending the same attachment (e.g. after a wiped profile) is not a conflict
      if (same) return null;
      throw new MutationRejected('ALREADY_EXISTS', `attachment ${args.attachmentId} exists`);
    }
    // content-addressed: bytes the server already holds need not travel again
    const blob = await ctx.trx.selectFrom('blobs').select('sha256').where('sha256', '=', args.sha256).executeTakeFirst();
    const attachment: Attachment = {
      id: args.attachmentId,
      appealId: args.appealId,
      kind: args.kind,
      sha256: args.sha256,
      size: args.size,
      type: args.type,
      fileName: args.fileName,
      takenAt: args.takenAt,
      gps: args.gps,
      thumbnail: args.thumbnail,
      authorId: ctx.user.id,
      authorName: ctx.user.displayName,
      createdAt: ctx.now,
      uploadedAt: blob ? ctx.now : null,
    };
    await ctx.trx.insertInto('attachments').values(attachmentToRow(attachment)).execute();

    const event: AppealEvent = {
      id: randomUUID(),
      appealId: appeal.id,
      action: 'attachment.add',
      actorId: ctx.user.id,
      actorName: ctx.user.displayName,
      deviceId: ctx.clientId,
      changes: { [`attachment.${args.kind}`]: [null, args.fileName] },
      reason: null,
      at: ctx.now,
    };
    ctx.events.push(event);
    // like a comment, proof does not bump the appeal's version: it must not turn a colleague's text edit into a conflict
    await ctx.trx.updateTable('appeals').set({ history: appendHistory(row.history, event) }).where('id', '=', appeal.id).execute();
    return {
      appealId: appeal.id,
      organisationId: appeal.organisationId,
      previousOrganisationId: null,
      regionId: appeal.regionId,
      entities: [
        { entity: 'attachment', id: attachment.id },
        { entity: 'event', id: event.id },
      ],
    };
  },
};
