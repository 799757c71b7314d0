// The documentation's relative links, checked by `npm run check`: a link from
// README.md or docs/ to a file that is not in the repository, or to a heading
// that its page does not have, is a dead end for the newcomer who follows it.
// Headings get the anchors GitHub gives them (github-slugger: lowercase,
// punctuation dropped, spaces to hyphens, "-1", "-2" on repeats), read from the
// text a heading shows, so `## The desk (\`/admin\`)` is #the-desk-admin.
import GithubSlugger from 'github-slugger';
import { Lexer, type Token, type Tokens } from 'marked';

export interface MarkdownFile {
  /** Path from the repository's root, with forward slashes: "docs/writing.md". */
  path: string;
  text: string;
}

/** What the checker may ask of the repository. */
export interface Repository {
  /** Whether a file or directory exists at this path from the root. */
  exists(path: string): boolean;
  /** A Markdown file's text, or undefined when there is no such file. */
  readMarkdown(path: string): string | undefined;
}

export interface BrokenLink {
  file: string;
  line: number;
  href: string;
  problem: string;
}

const MARKDOWN = /\.(?:md|markdown)$/i;
const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

type Visit = (token: Token) => void;

/** Every token of a Markdown document, nested ones (lists, tables, emphasis) included, in reading order. */
function walk(tokens: Token[], visit: Visit): void {
  for (const token of tokens) {
    visit(token);
    if ('tokens' in token && Array.isArray(token.tokens)) walk(token.tokens, visit);
    if (token.type === 'list') walk((token as Tokens.List).items, visit);
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) walk(cell.tokens, visit);
    }
  }
}

/** The text a heading shows: code and link text kept, HTML tags and Markdown marks left out. */
function shownText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'html') return '';
      if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) return shownText(token.tokens);
      return 'text' in token && typeof token.text === 'string' ? token.text : '';
    })
    .join('');
}

/** The anchors GitHub gives the headings of a Markdown document, in order. */
export function headingAnchors(markdown: string): string[] {
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  walk(Lexer.lex(markdown), (token) => {
    if (token.type === 'heading') anchors.push(slugger.slug(shownText((token as Tokens.Heading).tokens)));
  });
  return anchors;
}

interface FoundLink {
  href: string;
  line: number;
}

/** Every link and image of a document, with the line it is written on. */
function linksOf(markdown: string): FoundLink[] {
  const found: FoundLink[] = [];
  let offset = 0;
  for (const block of Lexer.lex(markdown)) {
    let searchFrom = 0;
    walk([block], (token) => {
      if (token.type !== 'link' && token.type !== 'image') return;
      const at = block.raw.indexOf(token.raw, searchFrom);
      if (at >= 0) searchFrom = at + token.raw.length;
      const before = markdown.slice(0, offset + Math.max(at, 0));
      found.push({ href: (token as Tokens.Link).href, line: before.split('\n').length });
    });
    offset += block.raw.length;
  }
  return found;
}

/** The repository path a relative link leads to from `fromFile` (a leading "/" is the repository's root, as on GitHub). */
function resolve(fromFile: string, target: string): string {
  const url = new URL(target, `file:///${fromFile}`);
  return decodeURIComponent(url.pathname).replace(/^\/+/, '').replace(/\/+$/, '');
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * The relative links of `files` that lead nowhere: to a missing file or
 * directory, or to a heading anchor a Markdown page does not have. Links to
 * other sites (any scheme, or "//host") are not followed.
 */
export function findBrokenLinks(files: MarkdownFile[], repository: Repository): BrokenLink[] {
  const anchorsByPath = new Map<string, Set<string> | undefined>();
  const anchorsOf = (path: string): Set<string> | undefined => {
    if (!anchorsByPath.has(path)) {
      const text = files.find((file) => file.path === path)?.text ?? repository.readMarkdown(path);
      anchorsByPath.set(path, text === undefined ? undefined : new Set(headingAnchors(text)));
    }
    return anchorsByPath.get(path);
  };

  const broken: BrokenLink[] = [];
  for (const file of files) {
    for (const { href, line } of linksOf(file.text)) {
      if (href === '' || ABSOLUTE.test(href)) continue;
      const hashAt = href.indexOf('#');
      const pathPart = (hashAt < 0 ? href : href.slice(0, hashAt)).replace(/\?.*$/, '');
      const fragment = hashAt < 0 ? '' : decodeFragment(href.slice(hashAt + 1));
      const target = pathPart === '' ? file.path : resolve(file.path, pathPart);
      const report = (problem: string) => broken.push({ file: file.path, line, href, problem });

      if (pathPart !== '' && !repository.exists(target)) {
        report(`${target} does not exist`);
        continue;
      }
      if (fragment === '' || !MARKDOWN.test(target)) continue;
      const anchors = anchorsOf(target);
      if (anchors === undefined) report(`${target} could not be read`);
      else if (!anchors.has(fragment)) report(`${target} has no heading whose anchor is "#${fragment}"`);
    }
  }
  return broken;
}
