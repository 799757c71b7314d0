// WordPress's wpautop(), which WordPress runs on every classic-editor post
// when it is displayed: blank lines make paragraphs, single line breaks make
// <br>, and block-level tags are left alone. Ported from wp-includes/formatting.php
// so that an imported post reads as it did on the old blog.

const BLOCKS =
  '(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)';
const blockTag = (pattern: string) => new RegExp(pattern.replaceAll('BLOCK', BLOCKS), 'gi');

export function autop(input: string): string {
  if (input.trim() === '') return '';
  // <pre> keeps its line breaks exactly: set aside, put back at the end.
  const pres: string[] = [];
  let text = input.replace(/\r\n?/g, '\n').replace(/<pre[\s>][\s\S]*?<\/pre>/gi, (pre) => {
    pres.push(pre);
    return `<pre data-wp-pre="${pres.length - 1}"></pre>`;
  });
  // A line break inside a tag (<a\nhref>) is not a paragraph break.
  text = text.replace(/<[^<>]*>/g, (tag) => tag.replace(/\s*\n\s*/g, ' '));
  text = `${text}\n`
    .replace(/<br\s*\/?>\s*<br\s*\/?>/gi, '\n\n')
    .replace(blockTag('(<BLOCK[\\s/>])'), '\n\n$1')
    .replace(blockTag('(</BLOCK>)'), '$1\n\n')
    .replace(/<hr\s*\/?>/gi, '<hr>\n\n')
    .replace(/\n\n+/g, '\n\n');

  text = text
    .split(/\n\s*\n/)
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p>${paragraph.replace(/^\n+|\n+$/g, '')}</p>\n`)
    .join('');

  text = text
    .replace(/<p>\s*<\/p>/g, '')
    .replace(/<p>([^<]+)<\/(div|address|form)>/g, '<p>$1</p></$2>')
    .replace(blockTag('<p>\\s*(</?BLOCK[^>]*>)\\s*</p>'), '$1')
    .replace(/<p>(<li.+?)<\/p>/g, '$1')
    .replace(/<p><blockquote([^>]*)>/gi, '<blockquote$1><p>')
    .replace(/<\/blockquote><\/p>/g, '</p></blockquote>')
    .replace(blockTag('<p>\\s*(</?BLOCK[^>]*>)'), '$1')
    .replace(blockTag('(</?BLOCK[^>]*>)\\s*</p>'), '$1')
    .replace(/<br\s*\/?>/gi, '<br />')
    .replace(/(?<!<br \/>)\s*\n/g, '<br />\n')
    .replace(blockTag('(</?BLOCK[^>]*>)\\s*<br />'), '$1')
    .replace(/<br \/>(\s*<\/?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)/gi, '$1')
    .replace(/\n<\/p>$/g, '</p>');

  return text.replace(/<pre data-wp-pre="(\d+)"><\/pre>/g, (_, index: string) => pres[Number(index)] ?? '');
}
