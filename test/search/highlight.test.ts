// Matches become <mark> only after the text is escaped: an article's own
// markup, or marker characters in its text, can never produce HTML.
import { describe, expect, it } from 'vitest';
import { highlightMatches, MATCH_END, MATCH_START } from '../../src/search/highlight';

const marked = (text: string) => `${MATCH_START}${text}${MATCH_END}`;

describe('highlightMatches', () => {
  it('wraps each match in <mark>', () => {
    expect(highlightMatches(`Lutter contre le ${marked('spam')} et ${marked('Spam')}`).value).toBe(
      'Lutter contre le <mark>spam</mark> et <mark>Spam</mark>',
    );
  });

  it('escapes the text, matches included', () => {
    expect(highlightMatches(`<script>alert(1)</script> ${marked('<b>')} & "q"`).value).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; <mark>&lt;b&gt;</mark> &amp; &quot;q&quot;',
    );
  });

  it('drops markers that do not pair up, so marks always balance', () => {
    expect(highlightMatches(`${MATCH_START}a ${marked('b')} c${MATCH_END} ${MATCH_END}d`).value).toBe(
      'a <mark>b</mark> c d',
    );
  });
});
