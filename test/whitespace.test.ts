// Text shown on one line (excerpts, descriptions, snippets) loses its line
// breaks and runs of spaces, but never the no-break spaces that keep ":" and
// "»" from starting a line on a phone.
import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../src/whitespace';

describe('collapseWhitespace', () => {
  it('turns line breaks, tabs and runs of spaces into one space, trimmed', () => {
    expect(collapseWhitespace('  Une phrase\n\tsur  deux\r\nlignes.  ')).toBe('Une phrase sur deux lignes.');
  });

  it('keeps the no-break space before ":" and inside « », and the narrow one before ; ! ?', () => {
    const typeset = 'Un mot\u00a0: «\u00a0cité\u00a0» et encore\u202f; vraiment\u202f!';
    expect(collapseWhitespace(typeset)).toBe(typeset);
  });

  it('keeps the no-break space of a run that holds one, dropping the plain spaces around it', () => {
    expect(collapseWhitespace('mot \u00a0\n: suite')).toBe('mot\u00a0: suite');
    expect(collapseWhitespace('mot\n\u202f? suite')).toBe('mot\u202f? suite');
  });
});
