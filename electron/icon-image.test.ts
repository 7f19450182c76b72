// Tests for the drawn icon: a valid PNG of the asked size, blue with a white bubble, transparent corners.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawIcon, iconPng } from './icon-image.js';

describe('icon image', () => {
  it('encodes a PNG with the requested size', () => {
    const png = iconPng(32);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe(32 * (32 * 4 + 1));
  });

  it('has transparent corners, a blue edge and a white bubble', () => {
    const size = 64;
    const pixels = drawIcon(size);
    const at = (x: number, y: number) => Array.from(pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));
    expect(at(0, 0)[3]).toBe(0);
    expect(at(32, 4)).toEqual([0x1f, 0x5f, 0xbf, 255]);
    expect(at(32, 16)).toEqual([255, 255, 255, 255]);
  });
});
