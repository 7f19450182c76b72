// Which sync server the console talks to: `?server=`, then the stored choice, then the page's own origin, then the build's default.
import { serverUrlFromLocation } from '../bridge/index.js';

export interface UrlSources {
  location: { protocol: string; origin: string; search: string } | null;
  stored: string | null;
  envDefault: string | undefined;
}

export const FALLBACK_SERVER_URL = 'http://127.0.0.1:8080';

export function resolveServerUrl({ location, stored, envDefault }: UrlSources): { url: string; fromQuery: boolean } {
  const fromQuery = location ? serverUrlFromLocation(location) : null;
  if (fromQuery) return { url: trimSlash(fromQuery), fromQuery: true };
  if (stored) return { url: stored, fromQuery: false };
  // served over http(s): the server serves the console itself at /app
  if (location && (location.protocol === 'http:' || location.protocol === 'https:')) return { url: location.origin, fromQuery: false };
  return { url: trimSlash(envDefault || FALLBACK_SERVER_URL), fromQuery: false };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
