// The comment form's only script, bundled by scripts/build-client.ts into
// public/js/comment-form.js (an IIFE: nothing here becomes a global). It does two
// things: loads Cloudflare Turnstile when the reader is about to comment, and makes
// the "Répondre" links fill in parent_id. No inline code, no eval: it runs under
// `script-src 'self' https://challenges.cloudflare.com`.

// render=explicit: Turnstile must not scan the page by itself; we render the
// widget once its script has run, with the options below.
const TURNSTILE_URL = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

const french = document.documentElement.lang.toLowerCase().startsWith('fr');
const LOAD_FAILED = french
  ? 'La vérification anti-spam n’a pas pu se charger. Vérifiez votre connexion, puis rechargez la page.'
  : 'The anti-spam check could not load. Check your connection, then reload the page.';

const form = document.querySelector<HTMLFormElement>('#comment-form');
if (form) {
  setUpTurnstile(form);
  setUpReplies(form);
}

function setUpTurnstile(form: HTMLFormElement): void {
  const container = form.querySelector<HTMLElement>('#turnstile-widget');
  const sitekey = form.dataset.turnstileSitekey;
  if (!container || !sitekey) return;

  const showError = (): void => {
    const message = document.createElement('p');
    message.className = 'turnstile-error';
    message.textContent = LOAD_FAILED;
    container.replaceChildren(message);
  };

  const render = (): void => {
    try {
      window.turnstile.render(container, {
        sitekey,
        language: form.dataset.turnstileLanguage || 'auto',
        action: 'comment',
        theme: 'auto',
        'response-field-name': 'cf-turnstile-response',
      });
    } catch {
      // A bad configuration throws; say so rather than leaving an empty box.
      showError();
    }
  };

  // Readers who never get near the form never contact challenges.cloudflare.com:
  // that saves the page weight and keeps the third party out of plain reading.
  // The form itself is never blocked: without a token the server refuses the
  // comment and says why.
  let requested = false;
  const load = (): void => {
    if (requested) return;
    requested = true;
    observer.disconnect();
    form.removeEventListener('focusin', load);
    const script = document.createElement('script');
    script.src = TURNSTILE_URL;
    script.async = true;
    // The load event fires once api.js has run, so window.turnstile exists.
    // (turnstile.ready() is not an option: it refuses async scripts.)
    script.addEventListener('load', render);
    script.addEventListener('error', showError);
    document.head.append(script);
  };

  // Start a little before the form scrolls into view, so the widget is ready
  // by the time the reader reaches it.
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) load();
    },
    { rootMargin: '200px 0px' },
  );
  observer.observe(form);
  form.addEventListener('focusin', load);
}

function setUpReplies(form: HTMLFormElement): void {
  const parentId = form.querySelector<HTMLInputElement>('input[name="parent_id"]');
  const body = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]');
  const context = document.getElementById('reply-context');
  const contextText = document.getElementById('reply-context-text');
  if (!parentId || !body || !context || !contextText) return;

  // Screen readers then announce whom the reader is answering when the
  // textarea gets focus; kept in step with the context's visibility.
  const describeReply = (on: boolean): void => {
    const ids = (body.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== contextText.id);
    if (on) ids.push(contextText.id);
    if (ids.length > 0) body.setAttribute('aria-describedby', ids.join(' '));
    else body.removeAttribute('aria-describedby');
  };
  // The server re-renders a rejected reply with its context already shown.
  describeReply(!context.hidden);

  // One listener for every reply link, including any added to the page later.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLElement>('.reply-link') : null;
    const id = link?.dataset.replyTo;
    if (!link || !id) return;
    // Focusing the textarea below brings the form into view; following
    // href="#respond" as well would only add a history entry.
    event.preventDefault();
    const author = link.dataset.replyAuthor ?? '';
    // A function as replacement, so that "$&" in a name stays literal.
    contextText.textContent = (form.dataset.replyLabel ?? '%s').replace('%s', () => author);
    parentId.value = id;
    context.hidden = false;
    describeReply(true);
    body.focus();
  });

  document.getElementById('cancel-reply')?.addEventListener('click', () => {
    parentId.value = '';
    context.hidden = true;
    describeReply(false);
    body.focus();
  });
}
