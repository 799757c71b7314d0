// node scripts/demo-media.ts: writes the demo's generated media into
// content/media/ (committed, so a fresh clone publishes them as they are):
// a one-second notification sound (WAV, two soft tones) and a bar chart
// (PNG). Made here rather than downloaded, and small on purpose: the sound is
// 8-bit mono at 8 kHz (8 KB), the chart a few flat colours that compress well.
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

/** Twelve months of comments: bars of welcome comments, their tops in the colour of spam held back. */
export function spamChartPng(): Uint8Array {
  const width = 640;
  const height = 360;
  const background = [0xfa, 0xf7, 0xf2];
  const axis = [0x55, 0x4e, 0x46];
  const welcome = [0x2f, 0x6f, 0x73];
  const spam = [0xd0, 0x8c, 0x60];
  const months = [
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
  ] as const;
  const rows: Buffer[] = [];
  const base = height - 40;
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      let colour = background;
      const slot = Math.floor((x - 40) / 48);
      const inBar = x >= 40 && slot < months.length && (x - 40) % 48 >= 8 && (x - 40) % 48 < 40;
      if (inBar) {
        const [good, bad] = months[slot] as readonly [number, number];
        if (y < base && y >= base - good) colour = welcome;
        else if (y < base - good && y >= base - good - bad) colour = spam;
      }
      if ((y === base && x >= 32) || (x === 32 && y <= base && y >= 20)) colour = axis;
      row.set(colour, 1 + x * 3);
    }
    rows.push(row);
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

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync('content/media/notification.wav', notificationWav());
  writeFileSync('content/media/spam-par-mois.png', spamChartPng());
  console.log('Wrote content/media/notification.wav and content/media/spam-par-mois.png.');
}
