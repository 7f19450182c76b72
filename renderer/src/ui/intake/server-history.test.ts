import { describe, expect, it } from 'vitest';
import type { CallerHistoryAppeal } from '../../../../shared/index.js';
import { fetchServerHistory, serverOnly, type FetchLike } from './server-history.js';

const entry = (id: string, receivedAt: string): CallerHistoryAppeal => ({
  id, number: `N-${id}`, status: 'new', subject: 'Яма', receivedAt, organisationId: 'org-a',
});

describe('serverOnly', () => {
  it('keeps what local data does not show, newest first', () => {
    const server = [entry('a', '2025-03-01T00:00:00Z'), entry('b', '2025-03-05T00:00:00Z'), entry('c', '2025-03-03T00:00:00Z')];
    expect(serverOnly(server, [{ id: 'a', number: 'N-a' }, { id: 'x', number: 'N-c' }]).map((a) => a.id)).toEqual(['b']);
    expect(serverOnly(server, []).map((a) => a.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('fetchServerHistory', () => {
  it('asks with the bearer token and the phone, and parses the answer', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchFn: FetchLike = async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ appeals: [entry('a', '2025-03-01T00:00:00.000Z')] }), { status: 200 });
    };
    const result = await fetchServerHistory(fetchFn, 'http://srv:8080', 'tok', '+79161112233');
    expect(result?.map((a) => a.id)).toEqual(['a']);
    expect(calls[0]!.url).toBe('http://srv:8080/api/caller-history?phone=%2B79161112233');
    expect(calls[0]!.init.headers).toEqual({ authorization: 'Bearer tok' });
  });

  it('answers null on refusal, a malformed body or no network', async () => {
    const refused: FetchLike = async () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '' } }), { status: 401 });
    const malformed: FetchLike = async () => new Response('{"appeals": 5}', { status: 200 });
    const down: FetchLike = () => Promise.reject(new TypeError('failed to fetch'));
    for (const f of [refused, malformed, down]) expect(await fetchServerHistory(f, 'http://srv', 't', '+79161112233')).toBeNull();
  });
});
