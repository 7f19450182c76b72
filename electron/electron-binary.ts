// Finds the Electron executable the way the `electron` package does (ELECTRON_OVERRIDE_DIST_PATH, else node_modules/electron/dist), without throwing when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** The executable's path inside an Electron dist folder, per platform. */
export function executableInDist(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

export function findElectronBinary(root: string, env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): ElectronBinary {
  const pkg = path.join(root, 'node_modules', 'electron');
  // path.txt is written by electron's installer and names the executable inside dist/
  const pathFile = path.join(pkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : executableInDist(platform);
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const dist = override !== undefined && override !== '' ? path.resolve(override) : path.join(pkg, 'dist');
  const binary = path.join(dist, executable);
  if (existsSync(binary)) return { found: true, path: binary };
  const where = override ? `ELECTRON_OVERRIDE_DIST_PATH (${binary})` : `node_modules/electron/dist (installed with ELECTRON_SKIP_BINARY_DOWNLOAD or the download failed)`;
  return { found: false, reason: `no Electron binary in ${where}` };
}
