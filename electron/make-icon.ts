// Writes build/icon.png (512×512) for electron-builder from the same drawing the tray uses; run after changing icon-image.ts.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconPng } from './icon-image.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icon.png');
await writeFile(file, iconPng(512));
console.log(`icon: wrote ${path.relative(process.cwd(), file)}`);
