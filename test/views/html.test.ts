import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../src/views/html';

describe('html template helper', () => {
  it('escapes every interpolation by default', () => {
    const value = `<img src=x onerror="alert('x')">&`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p>',
    );
  });

  it('nests templates without escaping them twice', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>&lt;i&gt;</b></p>');
  });

  it('joins lists and drops null, undefined and false', () => {
    expect(html`<ul>${['<a>', html`<li>b</li>`]}</ul>${null}${undefined}${false}${0}`.value).toBe(
      '<ul>&lt;a&gt;<li>b</li></ul>0',
    );
  });

  it('lets explicitly raw HTML through unchanged', () => {
    expect(html`<div>${raw('<p>trusted</p>')}</div>`.value).toBe('<div><p>trusted</p></div>');
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
