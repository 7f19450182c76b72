// The caller's appeals as the server knows them (GET /api/caller-history), for the intake when online: only those not shown from local data.
import { CallerHistoryResponse, type CallerHistoryAppeal } from '../../../../shared/index.js';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** The server's answer for one normalised phone, or null on any failure (offline, refused, malformed): the caller shows a hint. */
export async function fetchServerHistory(
  fetchFn: FetchLike,
  serverUrl: string,
  accessToken: string,
  phone: string,
  signal?: AbortSignal,
): Promise<CallerHistoryAppeal[] | null> {
  try {
    const url = new URL('/api/caller-history', serverUrl);
    url.searchParams.set('phone', phone);
    const response = await fetchFn(url.toString(), { headers: { authorization: `Bearer ${accessToken}` }, signal });
    if (!response.ok) return null;
    const parsed = CallerHistoryResponse.safeParse(await response.json());
    return parsed.success ? parsed.data.appeals : null;
  } catch {
    return null;
  }
}

/** The server's appeals not already listed locally (by id, or by number for one created elsewhere under the same id), newest first. */
export function serverOnly(server: readonly CallerHistoryAppeal[], local: readonly { id: string; number: string }[]): CallerHistoryAppeal[] {
  const ids = new Set(local.map((a) => a.id));
  const numbers = new Set(local.map((a) => a.number));
  return server
    .filter((a) => !ids.has(a.id) && !numbers.has(a.number))
    .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
}
