// `npm run check` refuses documentation whose relative links lead nowhere: a
// missing file, or a heading its page does not have, with GitHub's anchors.
import { describe, expect, it } from 'vitest';
import { findBrokenLinks, headingAnchors, type MarkdownFile } from '../../scripts/lib/doc-links.ts';

/** A repository holding these Markdown files, plus other files and directories by path. */
function repositoryOf(files: MarkdownFile[], others: string[] = []) {
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const directories = new Set(
    [...texts.keys(), ...others].flatMap((path) =>
      path
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );
  return {
    exists: (path: string) => texts.has(path) || others.includes(path) || directories.has(path),
    readMarkdown: (path: string) => texts.get(path),
  };
}

const desk: MarkdownFile = {
  path: 'docs/desk.md',
  text: [
    '# The moderation desk',
    '',
    '## Trying it locally',
    '',
    '## How it keeps others out',
    '',
    'Back to [the front door](../README.md#quick-start).',
  ].join('\n'),
};

const readme: MarkdownFile = {
  path: 'README.md',
  text: [
    '# Causerie',
    '',
    '## Quick start',
    '',
    '![The article](docs/screenshots/article.png)',
    '',
    '- [The desk](docs/desk.md), [its way in](docs/desk.md#how-it-keeps-others-out)',
    '- [Just above](#quick-start), [the docs](docs/), [Cloudflare](https://developers.cloudflare.com/#x)',
    '',
    '| Page | Link |',
    '| --- | --- |',
    '| desk | [try it](./docs/desk.md#trying-it-locally) |',
  ].join('\n'),
};

describe('headingAnchors', () => {
  it('gives the anchors GitHub gives: lowercase, punctuation and code marks dropped, spaces to hyphens', () => {
    expect(
      headingAnchors(
        [
          '# Causerie',
          '## The moderation desk (`/admin`)',
          '### 4. Secrets',
          "### 5. The admin desk's way in",
          '## What is kept, and for how long (privacy)',
          '## Moving from [WordPress](https://wordpress.org)',
        ].join('\n'),
      ),
    ).toEqual([
      'causerie',
      'the-moderation-desk-admin',
      '4-secrets',
      '5-the-admin-desks-way-in',
      'what-is-kept-and-for-how-long-privacy',
      'moving-from-wordpress',
    ]);
  });

  it('keeps accented letters and numbers repeated headings from -1, as GitHub does', () => {
    expect(headingAnchors('## Modération\n\n## Exemple\n\n## Exemple\n\n## Exemple')).toEqual([
      'modération',
      'exemple',
      'exemple-1',
      'exemple-2',
    ]);
  });

  it('ignores a "#" line inside a code block', () => {
    expect(headingAnchors('## Real\n\n```sh\n# not a heading\n```\n')).toEqual(['real']);
  });
});

describe('findBrokenLinks', () => {
  it('accepts links to existing files, directories and headings, in lists, tables and images', () => {
    const repository = repositoryOf([readme, desk], ['docs/screenshots/article.png']);
    expect(findBrokenLinks([readme, desk], repository)).toEqual([]);
  });

  it('reports a link to a missing file, with its file and line', () => {
    const broken: MarkdownFile = {
      path: 'docs/desk.md',
      text: `${desk.text}\n\nSee [deploying](deploying.md) and ![x](../docs/screenshots/gone.png).`,
    };
    const repository = repositoryOf([readme, broken], ['docs/screenshots/article.png']);
    expect(findBrokenLinks([readme, broken], repository)).toEqual([
      { file: 'docs/desk.md', line: 9, href: 'deploying.md', problem: 'docs/deploying.md does not exist' },
      {
        file: 'docs/desk.md',
        line: 9,
        href: '../docs/screenshots/gone.png',
        problem: 'docs/screenshots/gone.png does not exist',
      },
    ]);
  });

  it('reports a link to a heading the page does not have, in another page or the same one', () => {
    const broken: MarkdownFile = {
      path: 'README.md',
      text: `${readme.text}\n\n[Secrets](docs/desk.md#secrets), [here](#quick-start-1), [ok](docs/desk.md#trying-it-locally)`,
    };
    const repository = repositoryOf([broken, desk], ['docs/screenshots/article.png']);
    expect(findBrokenLinks([broken, desk], repository)).toEqual([
      {
        file: 'README.md',
        line: 14,
        href: 'docs/desk.md#secrets',
        problem: 'docs/desk.md has no heading whose anchor is "#secrets"',
      },
      {
        file: 'README.md',
        line: 14,
        href: '#quick-start-1',
        problem: 'README.md has no heading whose anchor is "#quick-start-1"',
      },
    ]);
  });

  it('matches a percent-encoded accented anchor, and reads pages outside the checked set', () => {
    const notes: MarkdownFile = {
      path: 'docs/notes.md',
      text: '[m](../content/a.md#mod%C3%A9ration) [n](../content/a.md#x)',
    };
    const repository = {
      exists: (path: string) => path === 'content/a.md',
      readMarkdown: (path: string) => (path === 'content/a.md' ? '## Modération' : undefined),
    };
    expect(findBrokenLinks([notes], repository).map((link) => link.href)).toEqual(['../content/a.md#x']);
  });
});
