// Converting the comments written before formatting: the SQL that reads them
// a page at a time and stores the HTML the Worker would show for them. That
// the stored HTML shows byte for byte as before on the page is proven against
// D1 in test/routes/formatted-comments.test.ts.
import { describe, expect, it } from 'vitest';
import {
  buildConversionStatements,
  buildUnconvertedQuery,
  describeConversion,
} from '../../scripts/lib/convert-comments.ts';
import { MAX_STATEMENT_BYTES } from '../../scripts/lib/sql.ts';
import { renderPlainCommentText } from '../../src/comments/plain-text.ts';

describe('converting the comments written before formatting', () => {
  it('reads only comments without HTML, after the last one converted, in id order, a page at a time', () => {
    expect(buildUnconvertedQuery(0)).toBe(
      'SELECT id, body FROM comments WHERE body_html IS NULL AND id > 0 ORDER BY id LIMIT 200',
    );
    expect(buildUnconvertedQuery(431, 50)).toContain('AND id > 431 ORDER BY id LIMIT 50');
  });

  it('stores the plain-text rendering as HTML and the text as typed, only where no HTML was written since', () => {
    const body = "L'ami <b>\nvoir https://exemple.fr/?a=1&b=2\n\nFin";
    const { statements, tooLong } = buildConversionStatements([{ id: 7, body }]);
    expect(tooLong).toEqual([]);
    const html = renderPlainCommentText(body).value;
    expect(html).toBe(
      '<p>L&#39;ami &lt;b&gt;<br>voir <a href="https://exemple.fr/?a=1&amp;b=2" rel="nofollow ugc noopener">https://exemple.fr/?a=1&amp;b=2</a></p><p>Fin</p>',
    );
    expect(statements).toEqual([
      `UPDATE comments SET body_html = '${html}', body_text = 'L''ami <b>\nvoir https://exemple.fr/?a=1&b=2\n\nFin' WHERE id = 7 AND body_html IS NULL`,
    ]);
  });

  it('leaves to the Worker a comment whose statement D1 would refuse, and says which', () => {
    const huge = '"'.repeat(MAX_STATEMENT_BYTES / 5);
    const { statements, tooLong } = buildConversionStatements([
      { id: 1, body: 'court' },
      { id: 2, body: huge },
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('WHERE id = 1 ');
    expect(tooLong).toEqual([2]);
    expect(describeConversion(1, tooLong, 'production')).toEqual([
      'Comments: 1 comment written before formatting now stored as HTML in the production D1, shown as before.',
      "Comments: 1 comment too long to convert in one statement, still shown by the Worker's plain-text fallback: #2.",
    ]);
  });

  it('says when there was nothing to convert', () => {
    expect(describeConversion(0, [], 'local')).toEqual(['Comments: none to convert in the local D1.']);
  });
});
