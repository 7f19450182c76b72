// Tests for the app:// origin: what counts as the console, and that request paths never escape the renderer build.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleUrl, isAppUrl, rendererFileFor } from './app-origin.js';

const dist = path.resolve('/srv/otklik/renderer/dist');

describe('app origin', () => {
  it('recognises only app://console URLs', () => {
    expect(isAppUrl('app://console/app/index.html?server=x')).toBe(true);
    expect(isAppUrl('app://console')).toBe(true);
    for (const url of ['app://consolex/', 'app://evil/', 'https://console/', 'file:///app/index.html', 'app://user:pw@console/', 'nonsense']) expect(isAppUrl(url), url).toBe(false);
  });

  it('loads the console under /app/ and passes the server URL as ?server=', () => {
    const url = new URL(consoleUrl('http://10.0.0.5:8080'));
    expect(isAppUrl(url.href)).toBe(true);
    expect(url.pathname).toBe('/app/index.html');
    expect(url.searchParams.get('server')).toBe('http://10.0.0.5:8080');
  });

  it('maps paths with and without the /app prefix into the build folder', () => {
    expect(rendererFileFor(dist, 'app://console/app/index.html')).toBe(path.join(dist, 'index.html'));
    expect(rendererFileFor(dist, 'app://console/app/')).toBe(path.join(dist, 'index.html'));
    expect(rendererFileFor(dist, 'app://console/')).toBe(path.join(dist, 'index.html'));
    expect(rendererFileFor(dist, 'app://console/app/assets/index-abc.js')).toBe(path.join(dist, 'assets', 'index-abc.js'));
    expect(rendererFileFor(dist, 'app://console/assets/index-abc.js')).toBe(path.join(dist, 'assets', 'index-abc.js'));
    expect(rendererFileFor(dist, 'app://console/application.js')).toBe(path.join(dist, 'application.js'));
  });

  it('refuses paths that would leave the build folder and URLs of other origins', () => {
    for (const url of ['app://console/app/..%2f..%2fpackage.json', 'app://console/a%00b', 'app://console/%E0%A4%A', 'app://other/app/index.html']) {
      expect(rendererFileFor(dist, url), url).toBeNull();
    }
  });

  it('keeps every resolvable path inside the build folder, whatever the escapes', () => {
    for (const url of ['app://console/%2e%2e/%2e%2e/secret', 'app://console/app/..%5c..%5csecret', 'app://console/app/%2e%2e%2f%2e%2e%2fx', 'app://console/C:%5cWindows%5cwin.ini']) {
      const file = rendererFileFor(dist, url);
      if (file !== null) expect(file.startsWith(dist + path.sep), `${url} → ${file}`).toBe(true);
    }
  });
});
