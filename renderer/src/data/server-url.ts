// Which sync server the console talks to: `?server=`, then the stored choice, then the page's own origin, then the build's default.

export interface UrlSources {
  /** The `?server=` the shell or a link gave the page (parsed by the bridge), or null. */
  fromQuery: string | null;
  /** Where the page itself was loaded from, or null outside a page. */
  location: { protocol: string; origin: string } | null;
  stored: string | null;
  envDefault: string | undefined;
}

export const FALLBACK_SERVER_URL = 'http://127.0.0.1:8080';

export function resolveServerUrl({ fromQuery, location, stored, envDefault }: UrlSources): string {
  if (fromQuery) return trimSlash(fromQuery);
  if (stored) return stored;
  // served over http(s): the server serves the console itself at /app
  if (location && (location.protocol === 'http:' || location.protocol === 'https:')) return location.origin;
  return trimSlash(envDefault || FALLBACK_SERVER_URL);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
