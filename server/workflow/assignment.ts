// Automatic assignment inside an organisation: the operator on duty with the fewest open appeals (shared/routing.ts pickOnDuty).
import type { Kysely } from 'kysely';
import { OPEN_STATUSES, pickOnDuty, type DutyCandidate } from '../../shared/index.js';
import type { Database } from '../store/schema.js';

/** The operator on duty in the organisation who should get the next appeal, or null when nobody is on duty. */
export async function operatorOnDuty(db: Kysely<Database>, organisationId: string): Promise<DutyCandidate | null> {
  const onDuty = await db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'operator')
    .where('on_duty', '=', 1)
    .where('disabled', '=', 0)
    .execute();
  if (onDuty.length === 0) return null;
  const counts = await db
    .selectFrom('appeals')
    .select((eb) => ['assignee_id', eb.fn.countAll().as('open')])
    .where(
      'assignee_id',
      'in',
      onDuty.map((u) => u.id),
    )
    .where('status', 'in', [...OPEN_STATUSES])
    .groupBy('assignee_id')
    .execute();
  const open = new Map(counts.map((c) => [c.assignee_id, Number(c.open)]));
  return pickOnDuty(onDuty.map((u) => ({ id: u.id, login: u.login, openAppeals: open.get(u.id) ?? 0 })));
}
