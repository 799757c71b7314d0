import { describe, expect, it } from 'vitest';
import { headerText } from '../../src/notifications/header-text';
import { buildConfirmationMail, buildReplyMail, type OutgoingMail } from '../../src/notifications/messages';
import { HOSTILE_CORPUS } from '../support/hostile-corpus';
import { liveMarkup, textIn } from '../support/live-markup';

const envelope = { from: 'causerie@example.org', blogTitle: 'Causerie', to: 'reader@example.org' };
const UNSUBSCRIBE = 'https://blog.example/_causerie/email/unsubscribe?token=abc.def';

function reply(overrides: Partial<Parameters<typeof buildReplyMail>[1]> = {}): OutgoingMail {
  return buildReplyMail(envelope, {
    language: 'fr',
    articleTitle: 'Animer une conversation',
    replyAuthor: 'Élise',
    replyText: 'Merci pour la question.',
    replyUrl: 'https://blog.example/animer?cpage=2#comment-12',
    scope: 'thread',
    unsubscribeUrl: UNSUBSCRIBE,
    ...overrides,
  });
}

/** Every header the message carries: the builder's own fields and its extra headers. */
function headerValues(mail: OutgoingMail): string[] {
  return [
    mail.subject,
    mail.from.name,
    mail.from.email,
    mail.to,
    ...Object.keys(mail.headers),
    ...Object.values(mail.headers),
  ];
}

describe('the reply notification', () => {
  it('says who replied, on which article, links to the reply and says how to stop, in French', async () => {
    const mail = reply();
    expect(mail.subject).toBe('Nouvelle réponse sur «\u00a0Animer une conversation\u00a0»');
    expect(mail.from).toEqual({ email: 'causerie@example.org', name: 'Causerie' });
    expect(mail.to).toBe('reader@example.org');
    expect(mail.headers).toEqual({
      'List-Unsubscribe': `<${UNSUBSCRIBE}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(mail.text).toContain('Élise a répondu sur «\u00a0Animer une conversation\u00a0»\u00a0:');
    expect(mail.text).toContain('Merci pour la question.');
    expect(mail.text).toContain('Lire la réponse\u00a0: https://blog.example/animer?cpage=2#comment-12');
    expect(mail.text).toContain(`Se désabonner\u00a0: ${UNSUBSCRIBE}`);
    expect(mail.html).toContain('<html lang="fr">');
    expect(await textIn(mail.html, 'blockquote')).toBe('Merci pour la question.');
    expect(mail.html).toContain('<a href="https://blog.example/animer?cpage=2#comment-12">Lire la réponse</a>');
    expect(mail.html).toContain(`<a href="${UNSUBSCRIBE}">Se désabonner</a>`);
  });

  it('speaks English for an English article', () => {
    const mail = reply({ language: 'en', articleTitle: 'Hosting a conversation', scope: 'article' });
    expect(mail.subject).toBe('New reply on “Hosting a conversation”');
    expect(mail.text).toContain('Élise replied on “Hosting a conversation”:');
    expect(mail.text).toContain('new comments on this article');
    expect(mail.html).toContain('<html lang="en">');
  });

  it.each([
    [
      'a title with CR LF and a Bcc header',
      { articleTitle: 'Hi\r\nBcc: victim@example.org' },
      'Nouvelle réponse sur «\u00a0Hi Bcc: victim@example.org\u00a0»',
    ],
    [
      'a name with LF and a header',
      { replyAuthor: 'Eve\nX-Injected: yes' },
      'Nouvelle réponse sur «\u00a0Animer une conversation\u00a0»',
    ],
    [
      'a title with NEL and a line separator',
      { articleTitle: 'Hi\u0085Bcc: a@b.c\u2028To: c@d.e' },
      'Nouvelle réponse sur «\u00a0Hi Bcc: a@b.c To: c@d.e\u00a0»',
    ],
  ])('never lets %s split a header', (_name, overrides, subject) => {
    const mail = reply(overrides);
    for (const value of headerValues(mail)) expect(value).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}]/u);
    expect(Object.keys(mail.headers)).toEqual(['List-Unsubscribe', 'List-Unsubscribe-Post']);
    expect(mail.subject).toBe(subject);
  });

  it('keeps the blog’s name from adding a header to From', () => {
    const mail = buildReplyMail(
      { ...envelope, blogTitle: 'Blog\r\nReply-To: evil@example.org' },
      {
        language: 'fr',
        articleTitle: 'T',
        replyAuthor: 'A',
        replyText: 'x',
        replyUrl: 'https://blog.example/t#comment-1',
        scope: 'thread',
        unsubscribeUrl: UNSUBSCRIBE,
      },
    );
    expect(mail.from.name).toBe('Blog Reply-To: evil@example.org');
  });

  it('refuses to send an unsubscribe address that could break its header', () => {
    expect(() => reply({ unsubscribeUrl: 'https://blog.example/x>\r\nBcc: a@b.c' })).toThrow(/unfit/);
  });

  describe.each(HOSTILE_CORPUS.filter(({ kind }) => kind !== 'blank'))('hostile $kind: $name', (payload) => {
    it('stays text in the HTML part, the text part and the subject', async () => {
      const mail = reply({ articleTitle: payload.value, replyAuthor: payload.value, replyText: payload.value });
      expect(await liveMarkup(mail.html)).toEqual([]);
      for (const value of headerValues(mail)) expect(value).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}]/u);
      // The subject is plain text: no markup is interpreted, none is escaped either.
      if (payload.kind === 'markup') {
        expect(mail.subject).toContain(headerText(payload.value));
        expect(await textIn(mail.html, 'blockquote')).toBe(payload.value);
        expect(mail.text).toContain(payload.value);
      }
    });
  });
});

describe('the confirmation e-mail', () => {
  it('carries the confirmation link, says it lasts 7 days and that ignoring it is enough', async () => {
    const mail = buildConfirmationMail(envelope, {
      language: 'fr',
      articleTitle: '<b>Titre</b>\r\nBcc: x@y.z',
      confirmUrl: 'https://blog.example/_causerie/email/confirm?token=t.s',
      unsubscribeUrl: UNSUBSCRIBE,
    });
    expect(mail.subject).toBe('Confirmez votre adresse pour recevoir les réponses de Causerie');
    expect(mail.text).toContain('https://blog.example/_causerie/email/confirm?token=t.s');
    expect(mail.text).toContain('«\u00a0<b>Titre</b> Bcc: x@y.z\u00a0»');
    expect(mail.text).toContain('Ce lien est valable 7\u00a0jours.');
    expect(await liveMarkup(mail.html)).toEqual([]);
    expect(mail.html).toContain('&lt;b&gt;Titre&lt;/b&gt;');
    expect(mail.headers['List-Unsubscribe']).toBe(`<${UNSUBSCRIBE}>`);
  });
});
