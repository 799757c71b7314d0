// The MEDIA bucket as publishing sees it: reading the files of content/,
// knowing what the bucket already holds, uploading only the rest.
//
// What the bucket holds is known from the D1 table `media` (migrations/0015):
// a key is the file's content hash, so a row means exactly those bytes are
// there. Remotely that is one query for the whole run instead of a `wrangler
// r2 object` call (4 to 10 s) per file. Locally the bucket itself is asked
// (getPlatformProxy on the same .wrangler/state as `wrangler dev`, a few
// milliseconds a file), so an emptied local state is filled again.
import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { getPlatformProxy, unstable_readConfig } from 'wrangler';
import { IMMUTABLE } from '../../src/media/types.ts';
import { type D1Target, queryRows, runWrangler } from '../wrangler.ts';
import { type MediaFile, MediaLibrary } from './media.ts';
import { sqlLiteral } from './sql.ts';

export const MEDIA_BINDING = 'MEDIA';
export const MEDIA_KEYS_SQL = 'SELECT key FROM media';

/** The run's media library: files under the folder above contentDir (content/), sizes of public/'s images for <img>. */
export function localMediaLibrary(contentDir: string, publicDir: string): MediaLibrary {
  const shown = (path: string) => relative(process.cwd(), path) || '.';
  const read = (path: string): Uint8Array | null => {
    try {
      return readFileSync(path);
    } catch {
      return null;
    }
  };
  return new MediaLibrary({
    root: shown(resolve(contentDir, '..')),
    read,
    readPublic: (urlPath) => {
      const path = resolve(publicDir, `.${urlPath}`);
      return path.startsWith(resolve(publicDir) + sep) ? read(path) : null;
    },
  });
}

/** The bucket wrangler.toml binds as MEDIA. */
export function mediaBucketName(configPath?: string): string {
  const config = unstable_readConfig({ config: configPath, env: '' }, { hideWarnings: true });
  const bucket = config.r2_buckets.find((entry: { binding: string }) => entry.binding === MEDIA_BINDING);
  if (!bucket?.bucket_name) throw new Error(`wrangler.toml has no [[r2_buckets]] with binding = "${MEDIA_BINDING}"`);
  return bucket.bucket_name;
}

/** What publishing uses of the local R2 binding. */
interface LocalBucket {
  head(key: string): Promise<object | null>;
  put(
    key: string,
    value: Uint8Array,
    options: { httpMetadata: { contentType: string; cacheControl: string }; sha256: string },
  ): Promise<unknown>;
}

/** Uploads the files the bucket lacks; returns them. */
export async function uploadMedia(target: D1Target, files: MediaFile[]): Promise<MediaFile[]> {
  if (files.length === 0) return [];
  return target.remote ? uploadRemote(target, files) : uploadLocal(target, files);
}

async function uploadLocal(target: D1Target, files: MediaFile[]): Promise<MediaFile[]> {
  const proxy = await getPlatformProxy<{ MEDIA: LocalBucket }>({
    configPath: target.config,
    environment: '',
    // wrangler's --persist-to X keeps its state in X/v3.
    persist: target.persistTo ? { path: join(target.persistTo, 'v3') } : true,
    remoteBindings: false,
  });
  try {
    const bucket = proxy.env.MEDIA;
    const missing: MediaFile[] = [];
    for (const file of files) if ((await bucket.head(file.key)) === null) missing.push(file);
    for (const file of missing) {
      await bucket.put(file.key, file.bytes, {
        httpMetadata: { contentType: file.contentType, cacheControl: IMMUTABLE },
        sha256: file.sha256,
      });
    }
    return missing;
  } finally {
    await proxy.dispose();
  }
}

function uploadRemote(target: D1Target, files: MediaFile[]): MediaFile[] {
  const known = new Set(queryRows<{ key: string }>(target, MEDIA_KEYS_SQL).map((row) => row.key));
  const missing = files.filter((file) => !known.has(file.key));
  const bucket = mediaBucketName(target.config);
  for (const file of missing) {
    const result = runWrangler(
      [
        'r2',
        'object',
        'put',
        `${bucket}/${file.key}`,
        '--file',
        file.path,
        '--content-type',
        file.contentType,
        '--cache-control',
        IMMUTABLE,
        '--remote',
        ...(target.config ? ['--config', target.config] : []),
      ],
      { quiet: true },
    );
    if (result.status !== 0) {
      throw new Error(
        `uploading ${file.path} to the bucket ${bucket} failed (does it exist? \`npx wrangler r2 bucket create ${bucket}\`):\n${result.stderr || result.stdout}`,
      );
    }
  }
  return missing;
}

/** Rows of the table `media` for the files (a key already there keeps its row: same key, same bytes). */
export function mediaRowStatements(files: MediaFile[], now: number): string[] {
  return files.map(
    (file) =>
      `INSERT INTO media (key, sha256, content_type, size, width, height, uploaded_at) VALUES (${[
        file.key,
        file.sha256,
        file.contentType,
        file.size,
        file.width,
        file.height,
        now,
      ]
        .map(sqlLiteral)
        .join(', ')}) ON CONFLICT (key) DO NOTHING`,
  );
}
