// HTTP calls around the socket: login, token refresh, logout and reference data; results as values, never thrown.
import { HttpError, ReferenceResponse, Session, type ErrorBody, type Reference, type Result } from '../../../shared/index.js';
import { z } from 'zod';

/** The server could not be reached (no route, wrong address, CORS): no code, because nobody answered. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

async function call<T>(fetchFn: FetchLike, url: string, init: RequestInit, schema: z.ZodType<T>): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (e) {
    // no answer at all is not a refusal: the caller decides (work offline, or tell the user the address is wrong)
    throw new NetworkError((e as Error).message);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = HttpError.safeParse(body);
    const error: ErrorBody = parsed.success
      ? parsed.data.error
      : { code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${response.status}` };
    return { ok: false, error };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, error: { code: 'BAD_MESSAGE', message: 'Непонятный ответ сервера' } };
  return { ok: true, value: parsed.data };
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function login(fetchFn: FetchLike, serverUrl: string, body: { login: string; password: string; deviceId: string }) {
  return call(fetchFn, `${serverUrl}/auth/login`, json(body), Session);
}

export function refresh(fetchFn: FetchLike, serverUrl: string, body: { refreshToken: string; deviceId: string }) {
  return call(fetchFn, `${serverUrl}/auth/refresh`, json(body), Session);
}

export async function logout(fetchFn: FetchLike, serverUrl: string, body: { refreshToken: string }): Promise<void> {
  // best effort: the local wipe does not wait for a server that may be unreachable; the token expires anyway
  await call(fetchFn, `${serverUrl}/auth/logout`, json(body), z.unknown()).catch(() => undefined);
}

export function fetchReference(fetchFn: FetchLike, serverUrl: string, accessToken: string): Promise<Result<Reference>> {
  return call(fetchFn, `${serverUrl}/api/reference`, { headers: { authorization: `Bearer ${accessToken}` } }, ReferenceResponse);
}
