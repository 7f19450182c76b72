// Test photos: a real JPEG drawn by Chromium, with an EXIF block (DateTimeOriginal and GPS) written in, as a phone camera would.

/** Degrees as EXIF's three rationals (degrees, minutes, seconds × 100). */
function dms(value: number): number[] {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
  return [d, 1, m, 1, s, 100];
}

/** A little-endian TIFF block with IFD0 → Exif IFD (DateTimeOriginal) and GPS IFD (latitude, longitude). */
function exifTiff(takenAt: string, lat: number, lon: number): Buffer {
  const tiff = Buffer.alloc(178);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  // IFD0 at 8: pointers to the Exif IFD (38) and the GPS IFD (56)
  tiff.writeUInt16LE(2, 8);
  entry(10, 0x8769, 4, 1, 38);
  entry(22, 0x8825, 4, 1, 56);
  tiff.writeUInt32LE(0, 34);
  // Exif IFD at 38: DateTimeOriginal (ASCII, 20 bytes at 110)
  tiff.writeUInt16LE(1, 38);
  entry(40, 0x9003, 2, 20, 110);
  tiff.writeUInt32LE(0, 52);
  // GPS IFD at 56: refs inline, rationals at 130 and 154
  tiff.writeUInt16LE(4, 56);
  entry(58, 0x0001, 2, 2, 0);
  tiff.write(lat >= 0 ? 'N' : 'S', 66, 'latin1');
  entry(70, 0x0002, 5, 3, 130);
  entry(82, 0x0003, 2, 2, 0);
  tiff.write(lon >= 0 ? 'E' : 'W', 90, 'latin1');
  entry(94, 0x0004, 5, 3, 154);
  tiff.writeUInt32LE(0, 106);
  tiff.write(`${takenAt}\0`, 110, 'latin1');
  dms(lat).forEach((v, i) => tiff.writeUInt32LE(v, 130 + i * 4));
  dms(lon).forEach((v, i) => tiff.writeUInt32LE(v, 154 + i * 4));
  return tiff;
}

/**
 * The JPEG with an APP1 Exif segment right after its SOI marker. `takenAt` in EXIF's own form,
 * "YYYY:MM:DD HH:MM:SS" (camera local time).
 */
export function withExif(jpeg: Buffer, exif: { takenAt: string; lat: number; lon: number }): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const tiff = exifTiff(exif.takenAt, exif.lat, exif.lon);
  const header = Buffer.from('Exif\0\0', 'latin1');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(2 + header.length + tiff.length, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, header, tiff, jpeg.subarray(2)]);
}

export interface DrawnScene {
  sky: string;
  mark: string;
  width?: number;
  height?: number;
}

/** Script for page.evaluate: a JPEG of a drawn scene (so thumbnails have something to show), as base64. Default 1200 × 900. */
export function drawJpegScript({ sky, mark, width = 1200, height = 900 }: DrawnScene): string {
  return `(() => {
  const w = ${width}, h = ${height};
  const canvas = document.createElement('canvas');
  canvas.width = w; canvas.height = h;
  const g = canvas.getContext('2d');
  g.fillStyle = ${JSON.stringify(sky)}; g.fillRect(0, 0, w, h);
  g.fillStyle = '#555'; g.fillRect(0, h * 2 / 3, w, h / 3);
  g.fillStyle = ${JSON.stringify(mark)}; g.beginPath(); g.arc(w / 2, h * 7 / 9, Math.min(w, h) * 2 / 15, 0, Math.PI * 2); g.fill();
  return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
})()`;
}
