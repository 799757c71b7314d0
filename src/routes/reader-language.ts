// The language of a page that could not read its own (an article's language
// lives in D1): the reader's first choice among the blog's two languages in
// Accept-Language, else the blog's.
import { isLanguage, type Language } from '../config';

export function readerLanguage(request: Request, blogLanguage: Language): Language {
  const ranked = (request.headers.get('accept-language') ?? '')
    .split(',')
    .map((part, position) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { primary: tag.split('-')[0] ?? '', weight: q === undefined ? 1 : Number(q), position };
    })
    .filter((entry) => entry.weight > 0 && Number.isFinite(entry.weight))
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  for (const { primary } of ranked) {
    if (primary === '*') return blogLanguage;
    if (isLanguage(primary)) return primary;
  }
  return blogLanguage;
}
