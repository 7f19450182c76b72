// Serves the built console (renderer/dist) on the privileged app:// scheme, with the strict CSP on every response.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_SCHEME, rendererFileFor } from './app-origin.js';

/**
 * Privileges for app://, registered before `ready`. `standard` gives it a real origin (IndexedDB and
 * localStorage are kept per origin, relative URLs resolve); `secure` makes it a secure context
 * (Notifications, camera, crypto.subtle); `supportFetchAPI` lets the console fetch its own assets;
 * `corsEnabled` lets the build's `<script type="module" crossorigin>` load (module scripts are fetched in
 * CORS mode; we send no Access-Control-Allow-Origin, so no other origin can read our files);
 * `codeCache` speeds up the second start. Deliberately not `bypassCSP`.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The console's Content-Security-Policy: its own code only, no eval, no inline script, no frames or
 * plugins; network only to the sync server (HTTP for pulls and uploads, WebSocket for socket.io).
 */
export function contentSecurityPolicy(serverUrl: string): string {
  const server = new URL(serverUrl);
  const http = server.origin;
  const ws = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    // style attributes from React and the virtualised list; stylesheet injection cannot run code
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${http}`,
    "font-src 'self' data:",
    `connect-src 'self' ${http} ${ws}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/**
 * The answer to one app:// request. A path without a file extension that has no file is a client-side
 * route and gets index.html, so a reload on any screen works.
 */
export async function respondFromRenderer(rendererDist: string, requestUrl: string, csp: string): Promise<RendererResponse> {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // a new build must never mix with cached files of the old one
    'Cache-Control': 'no-cache',
  };
  const file = rendererFileFor(rendererDist, requestUrl);
  if (file === null) return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: 'not found' };
  const candidates = path.extname(file) === '' ? [file, path.join(path.resolve(rendererDist), 'index.html')] : [file];
  for (const candidate of candidates) {
    try {
      const body = await fs.readFile(candidate);
      const type = CONTENT_TYPES[path.extname(candidate).toLowerCase()] ?? 'application/octet-stream';
      return { status: 200, headers: { ...headers, 'Content-Type': type }, body };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR') throw error;
    }
  }
  const missingBuild = path.basename(file) === 'index.html';
  return {
    status: 404,
    headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    body: missingBuild ? 'Сборка консоли не найдена: выполните npm run build:renderer' : 'not found',
  };
}

/** Installs the app:// handler on a session's protocol object. */
export function serveRenderer(protocol: Protocol, rendererDist: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    try {
      const answer = await respondFromRenderer(rendererDist, request.url, csp);
      return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
    } catch (error) {
      console.error('app:// request failed', request.url, error);
      return new Response('internal error', { status: 500, headers: { 'Content-Security-Policy': csp } });
    }
  });
}
