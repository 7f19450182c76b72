// Draws the Otklik icon (a white speech bubble on blue) as PNG bytes, so the tray and the installer need no binary asset checked in.
import { deflateSync } from 'node:zlib';

const BLUE = [0x1f, 0x5f, 0xbf] as const;
const SAMPLES = 4; // 4×4 supersampling per pixel: smooth edges at 16 px as well as 512 px

/** Coverage of the shape at a point in unit coordinates (0..1): 0 outside, 1 = blue, 2 = white. */
function shapeAt(x: number, y: number): 0 | 1 | 2 {
  // rounded square background, corner radius 0.2
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  // bubble: an ellipse with a tail towards the lower left
  const inEllipse = ((x - 0.5) / 0.32) ** 2 + ((y - 0.45) / 0.26) ** 2 <= 1;
  const inTail = y >= 0.6 && y <= 0.82 && x >= 0.26 && x <= 0.42 && x - 0.26 <= (0.82 - y) * 0.9;
  if (!inEllipse && !inTail) return 1;
  // three dots: "someone is writing", the console's whole job
  for (const dx of [0.36, 0.5, 0.64]) if ((x - dx) ** 2 + (y - 0.45) ** 2 <= 0.045 ** 2) return 1;
  return 2;
}

/** RGBA pixels of the icon at `size`×`size`. */
export function drawIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let blue = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const kind = shapeAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (kind === 1) blue++;
          else if (kind === 2) white++;
        }
      }
      const covered = blue + white;
      const at = (py * size + px) * 4;
      if (covered === 0) continue;
      for (let c = 0; c < 3; c++) pixels[at + c] = Math.round((BLUE[c]! * blue + 255 * white) / covered);
      pixels[at + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return pixels;
}

/** The icon encoded as a PNG file. */
export function iconPng(size: number): Buffer {
  const rgba = drawIcon(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
