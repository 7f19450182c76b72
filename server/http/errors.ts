// HTTP status for each error code, and the `{ error: { code, message } }` body every failure answers with.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../../shared/index.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_MESSAGE: 400,
  MESSAGE_TOO_LARGE: 413,
  UNKNOWN_MUTATION: 400,
  PROTOCOL_TOO_OLD: 426,
  PROTOCOL_TOO_NEW: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  REFRESH_INVALID: 401,
  USER_DISABLED: 403,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  VERSION_CONFLICT: 409,
  STATUS_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  VALIDATION_FAILED: 422,
  OUT_OF_ORDER: 409,
  CURSOR_RESET: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply.status(STATUS[code]).send({ error: { code, message } });
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) return sendError(reply, error.code, error.message);
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 'MESSAGE_TOO_LARGE', error.message);
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return sendError(reply, 'BAD_MESSAGE', error.message);
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 'INTERNAL', 'server error');
}
