import { describe, expect, it } from 'vitest';
import { isMailAddress } from '../../src/mail-address';
import { HEADER_TEXT_MAX, headerText } from '../../src/notifications/header-text';

describe('headerText: what may reach a subject or a display name', () => {
  it.each([
    ['CR LF and a header of its own', 'Bonjour\r\nBcc: victim@example.org', 'Bonjour Bcc: victim@example.org'],
    ['a lone LF', 'a\nb', 'a b'],
    ['a lone CR', 'a\rb', 'a b'],
    ['NEL (U+0085) and other C1 controls', 'a\u0085b\u009bc', 'a b c'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['NUL and escape', 'a\u0000b\u001b[31mc', 'a b [31mc'],
    ['tabs and runs of spaces', '  a\t\t b   c  ', 'a b c'],
    ['a right-to-left override', 'facture\u202egnp.exe', 'facture gnp.exe'],
    ['zero-width space and BOM', 'vi\u200bagra\ufeff', 'vi agra'],
  ])('%s never leaves a control in the line', (_name, input, expected) => {
    const line = headerText(input);
    expect(line).toBe(expected);
    expect(line).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}]/u);
  });

  it('keeps accents (composed), emoji sequences and no-break spaces of French typography', () => {
    expect(headerText('Cafe\u0301 «\u00a0👩\u200d👩\u200d👧\u00a0»')).toBe('Café «\u00a0👩\u200d👩\u200d👧\u00a0»');
  });

  it('caps the length in characters, never cutting an emoji in half', () => {
    const line = headerText('😀'.repeat(HEADER_TEXT_MAX + 10));
    expect([...line]).toHaveLength(HEADER_TEXT_MAX);
    expect(line.endsWith('😀…')).toBe(true);
    expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(headerText('a'.repeat(HEADER_TEXT_MAX))).toBe('a'.repeat(HEADER_TEXT_MAX));
  });
});

describe('isMailAddress: one mailbox, nothing a header would read as more', () => {
  it.each(['reader@example.org', 'élise.durand+blog@exemple.fr'])('accepts %s', (address) => {
    expect(isMailAddress(address)).toBe(true);
  });

  it.each([
    'reader@example.org\r\nBcc: victim@example.org',
    'reader@example.org, victim@example.org',
    'reader@example.org;victim@example.org',
    'Reader <reader@example.org>',
    '"reader"@example.org',
    'reader@example.org (comment)',
    'reader@localhost',
    'reader',
    `${'a'.repeat(250)}@example.org`,
  ])('refuses %j', (address) => {
    expect(isMailAddress(address)).toBe(false);
  });
});
