// What a mutation handler receives and returns; the push loop does the bookkeeping around it.
import type { Kysely } from 'kysely';
import { DomainError, type Answer, type Appeal, type AppealEvent, type ErrorCode, type MutationArgs, type MutationName, type User } from '../../shared/index.js';
import type { ChangeEntity, Database } from '../store/schema.js';

export interface MutationContext {
  /** The open transaction; the handler's writes commit together with the client's mutationId. */
  trx: Kysely<Database>;
  user: User;
  clientId: string;
  /** Server clock, ISO. */
  now: string;
  /**
   * History lines the mutation adds (appeal_events rows): the push loop inserts them with the change rows, one
   * statement per run, and drops them with the rest of the mutation's writes when it is rejected. Nothing in a
   * mutation reads appeal_events back; the appeal's own history column is written at once.
   */
  events: AppealEvent[];
}

/** What an applied mutation touched: the push loop turns it into change-log rows and pokes. */
export interface MutationEffect {
  appealId: string;
  organisationId: string;
  /** Set when the appeal moved to another organisation, so the old one's consoles hear of it. */
  previousOrganisationId: string | null;
  regionId: string;
  entities: Array<{ entity: ChangeEntity; id: string }>;
  /** Rows about other appeals written by the same mutation (a duplicate merged into its original). */
  also?: MutationEffect[];
  /**
   * Region-wide rows (reference data): no appeal; every console of the region sees them. appealId is ''
   * and organisationId REGION_WIDE_ORG (sync/scope.ts).
   */
  regionWide?: boolean;
  /** Users whose sessions the mutation ended (disabled): their consoles are told and disconnected after commit. */
  revokedUserIds?: string[];
}

/** null: applied, but nothing changed (e.g. an update to the values already there). */
export type MutationHandler<N extends MutationName> = (
  ctx: MutationContext,
  args: MutationArgs<N>,
) => Promise<MutationEffect | null>;

export type MutationHandlers<K extends MutationName> = { [N in K]: MutationHandler<N> };

/** A final, recorded refusal; conflicts carry the server's current appeal. */
export class MutationRejected extends DomainError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly current: Appeal | null = null,
    /** For answer.save conflicts: the answer as the server has it (undefined: not about an answer). */
    readonly currentAnswer?: { answerId: string; answer: Answer | null },
  ) {
    super(code, message);
    this.name = 'MutationRejected';
  }
}
