// Where the console lives inside the shell: the privileged app:// origin, its URLs and the mapping of its paths to renderer files.
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True for URLs of the console itself. Compared by scheme and host, not `URL.origin`: Node reports
 * the origin of a custom scheme as "null", which would match every other custom-scheme URL too.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The URL the window loads. The path mirrors the server's `/app/` so a Vite build with base `/app/`
 * works unchanged in the shell and in a browser; the server URL travels as `?server=` for the data layer.
 */
export function consoleUrl(serverUrl: string): string {
  return `${APP_ORIGIN}/app/index.html?${new URLSearchParams({ server: serverUrl }).toString()}`;
}

/**
 * The file under `rendererDist` an app:// request names, or null when it is not ours or would escape
 * the folder. `/` and `/app/` are the console's index; paths with and without the `/app` prefix both
 * resolve, so relative and absolute asset URLs of the build work.
 */
export function rendererFileFor(rendererDist: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null; // malformed escape
  }
  if (pathname.includes('\0')) return null;
  let relative = pathname.replace(/^\/app(?=\/|$)/, '').replace(/^\/+/, '');
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const root = path.resolve(rendererDist);
  const file = path.resolve(root, relative);
  // the resolved path must stay inside the build folder: "..%2f" or a Windows drive letter would escape it
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}
