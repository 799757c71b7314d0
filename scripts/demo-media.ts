// node scripts/demo-media.ts: writes the demo's generated media into
// content/media/ (committed, so a fresh clone publishes them as they are):
// a one-second notification sound (WAV, two soft tones), a bar chart (PNG)
// and, where ffmpeg is installed, a two-second video of another chart rising
// (WebM). Made here rather than downloaded, and small on purpose: the sound is
// 8-bit mono at 8 kHz (8 KB), the charts a few flat colours that compress well.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const SAMPLE_RATE = 8000;

/** Two short tones (E5 then A5) with soft edges, as unsigned 8-bit PCM in a WAV container. */
export function notificationWav(): Uint8Array {
  const seconds = 1;
  const samples = new Uint8Array(SAMPLE_RATE * seconds);
  const tones = [
    { from: 0.05, to: 0.4, hertz: 659.25 },
    { from: 0.45, to: 0.95, hertz: 880 },
  ];
  for (let index = 0; index < samples.length; index++) {
    const time = index / SAMPLE_RATE;
    const tone = tones.find(({ from, to }) => time >= from && time < to);
    let value = 0;
    if (tone) {
      // 20 ms fades: no click at either end of a tone.
      const edge = Math.min(1, (time - tone.from) / 0.02, (tone.to - time) / 0.02);
      value = 0.5 * edge * Math.sin(2 * Math.PI * tone.hertz * (time - tone.from));
    }
    samples[index] = Math.round(128 + 127 * value);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE, 28); // bytes a second
  header.writeUInt16LE(1, 32); // bytes a frame
  header.writeUInt16LE(8, 34); // bits a sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

type Colour = readonly [number, number, number];
const BACKGROUND: Colour = [0xfa, 0xf7, 0xf2];
const AXIS: Colour = [0x55, 0x4e, 0x46];
const TEAL: Colour = [0x2f, 0x6f, 0x73];
const ORANGE: Colour = [0xd0, 0x8c, 0x60];

/** Twelve months of comments: bars of welcome comments, their tops in the colour of spam held back. */
export function spamChartPng(): Uint8Array {
  const months: [number, number][] = [
    [120, 30],
    [135, 42],
    [150, 60],
    [140, 95],
    [160, 140],
    [170, 80],
    [165, 35],
    [180, 25],
    [190, 20],
    [185, 18],
    [200, 15],
    [210, 12],
  ];
  return png(640, 360, barChart(640, 360, months, 1));
}

/** Articles published each month of a year, for the video: the bars rise one after the other. */
const ARTICLES_A_MONTH = [2, 3, 4, 4, 5, 4, 3, 4, 5, 4, 4, 5];

function barChart(width: number, height: number, months: [number, number][], progress: number): Buffer {
  const scale = width / 640;
  const base = height - Math.round(40 * scale);
  const left = Math.round(32 * scale);
  const slotWidth = 48 * scale;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let colour = BACKGROUND;
      const slot = Math.floor((x - left - 8 * scale) / slotWidth);
      const within = (x - left - 8 * scale) % slotWidth;
      if (slot >= 0 && slot < months.length && within >= 8 * scale && within < 40 * scale) {
        // Each bar rises in its own twelfth of the animation.
        const grown = Math.min(1, Math.max(0, progress * months.length - slot));
        const [good, bad] = (months[slot] as [number, number]).map((value) => value * scale * grown) as [
          number,
          number,
        ];
        if (y < base && y >= base - good) colour = TEAL;
        else if (y < base - good && y >= base - good - bad) colour = ORANGE;
      }
      if ((y === base && x >= left) || (x === left && y <= base && y >= 20 * scale)) colour = AXIS;
      pixels.set(colour, (y * width + x) * 3);
    }
  }
  return pixels;
}

function png(width: number, height: number, rgb: Buffer): Uint8Array {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(Buffer.concat([Buffer.from([0]), rgb.subarray(y * width * 3, (y + 1) * width * 3)]));
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A two-second WebM (VP8, 320×180, 12 frames a second) of the articles chart
 * rising, encoded by ffmpeg from raw frames drawn here; without ffmpeg on the
 * machine the committed file is kept.
 */
export function writeArticlesVideo(path: string): boolean {
  const width = 320;
  const height = 180;
  const frames = 24;
  const months = ARTICLES_A_MONTH.map((count): [number, number] => [count * 50, 0]);
  const raw = Buffer.concat(
    Array.from({ length: frames + 6 }, (_, frame) => barChart(width, height, months, Math.min(1, frame / frames))),
  );
  const ffmpeg = spawnSync(
    'ffmpeg',
    [
      ...['-y', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, '-r', '12'],
      ...['-i', '-', '-c:v', 'libvpx', '-b:v', '60k', '-auto-alt-ref', '0', '-an'],
      // No date, random id or encoder version in the file: the same frames give the same bytes.
      ...['-fflags', '+bitexact', '-flags:v', '+bitexact', path],
    ],
    { input: raw },
  );
  return ffmpeg.status === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync('content/media/notification.wav', notificationWav());
  writeFileSync('content/media/spam-par-mois.png', spamChartPng());
  console.log('Wrote content/media/notification.wav and content/media/spam-par-mois.png.');
  if (writeArticlesVideo('content/media/billets-par-mois.webm'))
    console.log('Wrote content/media/billets-par-mois.webm.');
  else console.log('No ffmpeg here: content/media/billets-par-mois.webm kept as it is.');
}
