// The blog's own files for an import: where they are copied, then copied
// from --uploads DIR or fetched from the old site (--fetch-media), and what
// the report says of them.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ConvertedExport } from './convert.ts';
import { type FetchMediaOptions, fetchToMedia } from './fetch-media.ts';
import {
  copyFromUploads,
  exportSchemes,
  MEDIA_SUBFOLDER,
  type MediaResult,
  mediaPathFor,
  mediaReport,
  ownFiles,
  ownHosts,
} from './media.ts';
import type { WxrExport } from './wxr.ts';

/** The import's options that say where media come from and go. */
export interface MediaOptions {
  contentDir: string;
  dryRun: boolean;
  uploadsDir?: string;
  fetchMedia?: FetchMediaOptions;
}

export interface MediaFolder {
  dir: string;
  prefix: string;
}

/**
 * Where the blog's files are copied (content/media/wordpress) and how the
 * posts and pages name that folder ("../media/wordpress"); null without
 * --uploads or --fetch-media.
 */
export function mediaFolder(options: MediaOptions, pagesDir: string): MediaFolder | null {
  if (!options.uploadsDir && !options.fetchMedia) return null;
  if (options.uploadsDir && options.fetchMedia)
    throw new Error('give --uploads DIR or --fetch-media, not both: the files come from one place');
  if (options.uploadsDir && !(existsSync(options.uploadsDir) && statSync(options.uploadsDir).isDirectory()))
    throw new Error(
      `--uploads ${options.uploadsDir}: no such folder (give a copy of the old blog's wp-content/uploads)`,
    );
  const dir = join(dirname(options.contentDir), 'media', MEDIA_SUBFOLDER);
  const prefix = relative(options.contentDir, dir).split(sep).join('/');
  if (relative(pagesDir, dir).split(sep).join('/') !== prefix)
    throw new Error(
      `the pages folder (${pagesDir}) must sit beside the posts folder (${options.contentDir}) when media are copied: both name content/media/${MEDIA_SUBFOLDER} the same way`,
    );
  return { dir, prefix };
}

/**
 * Copies (or fetches) the files of the blog that the posts asked for
 * (`asked`, every address a first conversion saw). `mediaPath` points the
 * next conversion at the copies; `report` gives the report's lines once it
 * is done. A dry run copies nothing and says what it would do.
 */
export async function gatherMedia(
  wxr: WxrExport,
  asked: ReadonlySet<string>,
  media: MediaFolder,
  options: MediaOptions,
  log: (line: string) => void,
): Promise<{
  lines: string[];
  mediaPath: ((url: string) => string | null) | null;
  report: (converted: ConvertedExport) => string[];
}> {
  const hosts = ownHosts(wxr);
  const wanted = ownFiles(asked, hosts, exportSchemes(wxr));
  let copied: MediaResult | null = null;
  if (options.uploadsDir) copied = copyFromUploads(wanted, options.uploadsDir, media.dir, options.dryRun);
  else if (!options.dryRun) {
    log(`Fetching ${wanted.size} file(s) of the blog from the old site…`);
    copied = await fetchToMedia(wanted, media.dir, options.fetchMedia);
  }
  if (!copied) {
    const lines = [`Media: would fetch ${wanted.size} file(s) of the blog from the old site.`];
    return { lines, mediaPath: null, report: () => lines };
  }
  const result = copied;
  const verb = options.dryRun ? 'to copy' : options.uploadsDir ? 'copied' : 'fetched';
  return {
    lines: [],
    mediaPath: mediaPathFor(result, hosts, media.prefix),
    report: (converted) =>
      mediaReport(
        result,
        verb,
        [...converted.posts, ...converted.pages].map((post) => ({
          where: `${post.where} (${post.slug})`,
          markdown: post.markdown,
        })),
      ),
  };
}
