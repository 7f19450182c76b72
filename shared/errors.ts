// Error codes every boundary answers with; a code is stable, its message is for people.
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_MESSAGE', // not parseable against the schema
  'MESSAGE_TOO_LARGE',
  'UNKNOWN_MUTATION',
  'PROTOCOL_TOO_OLD', // console must update; its outbox is kept
  'PROTOCOL_TOO_NEW',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVALID_CREDENTIALS',
  'REFRESH_INVALID',
  'USER_DISABLED',
  'FORBIDDEN', // role may not do this
  'OUT_OF_SCOPE', // another organisation's appeal
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'VERSION_CONFLICT', // text changed since the client saw it
  'STATUS_CONFLICT', // status is not what the client expected
  'INVALID_TRANSITION',
  'VALIDATION_FAILED',
  'OUT_OF_ORDER', // mutationId leaves a gap; not recorded, send the missing ones first
  'CURSOR_RESET', // the client's cursor is ahead of the server: re-bootstrap, keep the outbox
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({ code: ErrorCode, message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Results cross process and network boundaries as values, never as thrown errors. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: ErrorBody } => ({
  ok: false,
  error: { code, message },
});

/** Thrown inside the server or client when a domain rule refuses; turned into a code at the boundary. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
