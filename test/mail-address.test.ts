import { describe, expect, it } from 'vitest';
import { isMailAddress, mailtoHref } from '../src/mail-address';

describe('isMailAddress: the one rule for an address, on the form and for the e-mails', () => {
  it.each(['reader@example.org', 'élise.durand+blog@exemple.fr', "o'brien@example.ie", 'A.B-C_D@Sub.Example.ORG'])(
    'accepts %s',
    (address) => {
      expect(isMailAddress(address)).toBe(true);
    },
  );

  it.each([
    'a@b.c?cc=x@y.z',
    'a%0d%0abcc:@x',
    '"a b"@c.d',
    'reader?cc=victim@example.org',
    'reader&bcc=victim@example.org',
    'reader%0abcc=victim@example.org',
    'reader@example.org?subject=x',
    'reader@example.org,victim@example.org',
    'a b@example.org',
    'reader\u0000@example.org',
    'reader\u200b@example.org',
    '.reader@example.org',
    'reader.@example.org',
    're..ader@example.org',
    'reader@-example.org',
    `${'a'.repeat(65)}@example.org`,
  ])('refuses %j', (address) => {
    expect(isMailAddress(address)).toBe(false);
  });
});

describe('mailtoHref', () => {
  it('percent-encodes each side of the address, so a stored hostile one stays one recipient', () => {
    expect(mailtoHref('reader@example.org')).toBe('mailto:reader@example.org');
    expect(mailtoHref('zoé+blog@exemple.fr')).toBe('mailto:zo%C3%A9%2Bblog@exemple.fr');
    expect(mailtoHref('x?cc=victim@example.org&subject=Hi')).toBe('mailto:x%3Fcc%3Dvictim@example.org%26subject%3DHi');
    expect(mailtoHref('a%0d%0abcc:x')).toBe('mailto:a%250d%250abcc%3Ax');
    expect(new URL(mailtoHref('x?cc=victim@example.org&subject=Hi')).search).toBe('');
  });
});
