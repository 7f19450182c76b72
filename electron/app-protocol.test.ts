// Tests for serving the renderer build: files with types and the CSP, client-side routes, missing builds.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, respondFromRenderer } from './app-protocol.js';

const csp = contentSecurityPolicy('http://10.0.0.5:8080');
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'otklik-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>Отклик</title>');
  await writeFile(path.join(dist, 'assets', 'main.js'), 'console.log(1)');
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('content security policy', () => {
  it('allows scripts only from the console and the network only to the sync server', () => {
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-eval|unsafe-inline)/);
    expect(csp).toContain("connect-src 'self' http://10.0.0.5:8080 ws://10.0.0.5:8080");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-src 'none'");
    expect(contentSecurityPolicy('https://otklik.example.ru/sync')).toContain('wss://otklik.example.ru');
  });
});

describe('renderer responses', () => {
  it('serves files with their content type and the CSP header', async () => {
    const page = await respondFromRenderer(dist, 'app://console/app/index.html?server=x', csp);
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(page.headers['Content-Security-Policy']).toBe(csp);
    const script = await respondFromRenderer(dist, 'app://console/app/assets/main.js', csp);
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(Buffer.from(script.body).toString()).toBe('console.log(1)');
  });

  it('answers a client-side route with index.html and a missing asset with 404', async () => {
    const route = await respondFromRenderer(dist, 'app://console/app/appeals/42', csp);
    expect(route.status).toBe(200);
    expect(Buffer.from(route.body).toString()).toContain('Отклик');
    expect((await respondFromRenderer(dist, 'app://console/app/assets/gone.js', csp)).status).toBe(404);
    expect((await respondFromRenderer(dist, 'app://console/app/..%2f..%2fetc/passwd', csp)).status).toBe(404);
  });

  it('says how to build the console when there is no build', async () => {
    const answer = await respondFromRenderer(path.join(dist, 'nowhere'), 'app://console/app/index.html', csp);
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('npm run build:renderer');
  });
});
