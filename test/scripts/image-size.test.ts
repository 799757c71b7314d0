// The featured image gets width/height attributes read from the file itself
// (by the image-size package, scripts/lib/image-dimensions.ts),
// so the page does not jump when it loads.
import { describe, expect, it } from 'vitest';
import communaute from '../../content/media/communaute.svg?raw';
import { readImageSize } from '../../scripts/lib/image-dimensions.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
const u16be = (n: number) => [n >> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >> 8];
const u32be = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];

const png = (width: number, height: number) =>
  bytes([0x89], 'PNG\r\n', [0x1a, 0x0a], u32be(13), 'IHDR', u32be(width), u32be(height), [8, 6, 0, 0, 0]);

/** A start-of-frame segment: length, precision, height, width, components. */
const sof = (marker: number, width: number, height: number) =>
  bytes([0xff, marker], u16be(17), [8], u16be(height), u16be(width), [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);

describe('readImageSize', () => {
  it('reads the demo featured image, content/media/communaute.svg, as 1200×630', () => {
    expect(readImageSize(new TextEncoder().encode(communaute))).toEqual({ width: 1200, height: 630 });
  });

  it('reads SVG sizes from width/height, else from the viewBox', () => {
    const svg = (attributes: string) => new TextEncoder().encode(`<?xml version="1.0"?>\n<svg ${attributes}></svg>`);
    expect(readImageSize(svg('xmlns="http://www.w3.org/2000/svg" width="64.4" height=\'32\''))).toEqual({
      width: 64,
      height: 32,
    });
    expect(readImageSize(svg('viewBox="0 0 800 450"'))).toEqual({ width: 800, height: 450 });
    expect(readImageSize(svg('viewBox="0,0,90,60" stroke-width="3"'))).toEqual({ width: 90, height: 60 });
    expect(readImageSize(svg('fill="red"'))).toBeNull();
  });

  it('reads a PNG header (big-endian, 32-bit sizes)', () => {
    expect(readImageSize(png(1920, 1080))).toEqual({ width: 1920, height: 1080 });
    expect(readImageSize(png(70_000, 3))).toEqual({ width: 70_000, height: 3 });
  });

  it('reads a GIF header (little-endian sizes)', () => {
    const gif = bytes('GIF89a', u16le(300), u16le(200), [0xf7, 0, 0]);
    expect(readImageSize(gif)).toEqual({ width: 300, height: 200 });
    expect(readImageSize(bytes('GIF87a', u16le(1), u16le(513), [0, 0, 0]))).toEqual({ width: 1, height: 513 });
  });

  it('reads a JPEG, skipping the segments before the frame header', () => {
    const app0 = bytes([0xff, 0xe0], u16be(16), 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
    // A Huffman table (C4) is in the C0–CF range but is not a frame header.
    const dht = bytes([0xff, 0xc4], u16be(5), [0, 1, 2]);
    const jpeg = (frame: Uint8Array) => bytes([0xff, 0xd8], [...app0], [...dht], [...frame], [0xff, 0xd9]);
    expect(readImageSize(jpeg(sof(0xc0, 800, 600)))).toEqual({ width: 800, height: 600 });
    // Progressive JPEGs use SOF2.
    expect(readImageSize(jpeg(sof(0xc2, 1024, 768)))).toEqual({ width: 1024, height: 768 });
  });

  it('reads WebP headers (lossy, lossless and extended)', () => {
    const riff = (chunk: string, payload: number[]) =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], payload);
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(640), ...u16le(360)]);
    expect(readImageSize(lossy)).toEqual({ width: 640, height: 360 });
    const bits = (400 - 1) | ((300 - 1) << 14);
    const lossless = riff('VP8L', [
      0x2f,
      bits & 0xff,
      (bits >> 8) & 0xff,
      (bits >> 16) & 0xff,
      bits >>> 24,
      ...Array(9).fill(0),
    ]);
    expect(readImageSize(lossless)).toEqual({ width: 400, height: 300 });
    const extended = riff('VP8X', [0, 0, 0, 0, ...u24le(2000 - 1), ...u24le(1500 - 1)]);
    expect(readImageSize(extended)).toEqual({ width: 2000, height: 1500 });
  });

  it('reads an image that sits at an offset inside a larger buffer', () => {
    const buffer = new Uint8Array(40);
    buffer.set(png(320, 240), 7);
    expect(readImageSize(buffer.subarray(7, 7 + 33))).toEqual({ width: 320, height: 240 });
  });

  it('answers null, without throwing, for truncated or unknown files', () => {
    expect(readImageSize(png(10, 10).subarray(0, 12))).toBeNull();
    expect(readImageSize(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBeNull();
    expect(readImageSize(bytes('just some text'))).toBeNull();
    expect(readImageSize(new Uint8Array(0))).toBeNull();
  });
});
