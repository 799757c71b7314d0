import { describe, expect, it } from 'vitest';
import { createLocale } from '../../src/views/i18n';

const fr = createLocale('fr', 'Europe/Paris');
const en = createLocale('en', 'Europe/Paris');

describe('interface language', () => {
  it('formats dates in the blog time zone and language', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    const newYear = Date.UTC(2026, 11, 31, 23, 30) / 1000;
    expect(fr.formatDate(newYear)).toBe('1 janvier 2027');
    expect(en.formatDate(newYear)).toBe('1 January 2027');
  });

  it('follows French plural rules: 0 and 1 are singular', () => {
    expect(fr.t.commentCount(0, '0')).toBe('Aucun commentaire');
    expect(fr.t.commentCount(1, '1')).toBe('1 commentaire');
    expect(fr.t.commentCount(2, '2')).toBe('2 commentaires');
    expect(fr.t.tagArticleCount(0, '0')).toBe('0 article');
    expect(fr.t.tagArticleCount(1000, fr.formatNumber(1000))).toBe('1\u202f000 articles');
  });

  it('follows English plural rules', () => {
    expect(en.t.commentCount(1, '1')).toBe('1 comment');
    expect(en.t.commentCount(3, '3')).toBe('3 comments');
    expect(en.t.tagArticleCount(0, '0')).toBe('0 posts');
    expect(en.formatNumber(1000)).toBe('1,000');
  });

  it('quotes titles the French and the English way', () => {
    expect(fr.t.commentsHeading(3, '3', 'Titre')).toBe('3 commentaires à «\u00a0Titre\u00a0»');
    expect(en.t.commentsHeading(3, '3', 'Title')).toBe('3 comments on “Title”');
  });
});
