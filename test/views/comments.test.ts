import { describe, expect, it } from 'vitest';
import { renderPlainCommentText as renderCommentText } from '../../src/comments/plain-text';
import type { PublicCommentRow } from '../../src/db/types';
import { buildCommentThreads } from '../../src/views/comments';

const comment = (id: number, parent_id: number | null): PublicCommentRow => ({
  id,
  parent_id,
  author_name: `c${id}`,
  author_url: null,
  body: 'text',
  body_html: null,
  body_text: null,
  created_at: id,
  is_author: 0,
});

describe('comment threads', () => {
  it('nests replies under their parents, oldest first', () => {
    const threads = buildCommentThreads([
      comment(1, null),
      comment(2, 1),
      comment(3, null),
      comment(4, 2),
      comment(5, 1),
    ]);
    const shape = (nodes: ReturnType<typeof buildCommentThreads>): unknown =>
      nodes.map((node) => [node.comment.id, shape(node.replies)]);
    expect(shape(threads)).toEqual([
      [
        1,
        [
          [2, [[4, []]]],
          [5, []],
        ],
      ],
      [3, []],
    ]);
  });

  it('keeps a reply whose parent is not shown, at the top level', () => {
    const threads = buildCommentThreads([comment(2, 99), comment(3, null)]);
    expect(threads.map((node) => node.comment.id)).toEqual([2, 3]);
  });
});

describe('comment text', () => {
  it('links http(s) addresses without passing reputation, leaving trailing punctuation out', () => {
    expect(renderCommentText('Voir https://exemple.fr/page?a=1&b=2. Et ftp://x.example !').value).toBe(
      '<p>Voir <a href="https://exemple.fr/page?a=1&amp;b=2" rel="nofollow ugc noopener">https://exemple.fr/page?a=1&amp;b=2</a>. Et ftp://x.example !</p>',
    );
  });

  it('never links javascript: or a URL broken out of its attribute', () => {
    const html = renderCommentText('javascript:alert(1) https://x.example/"onclick="alert(1)').value;
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain(
      '<a href="https://x.example/" rel="nofollow ugc noopener">https://x.example/</a>&quot;onclick=',
    );
  });

  it('turns blank lines into paragraphs and newlines into <br>, escaping everything', () => {
    expect(renderCommentText('a <b>\r\nb\n\n\n c & d ').value).toBe('<p>a &lt;b&gt;<br>b</p><p>c &amp; d</p>');
  });
});
