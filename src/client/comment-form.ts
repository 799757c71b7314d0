// The comment form's only script, bundled by scripts/build-client.ts into
// public/js/comment-form.js (an IIFE: nothing here becomes a global). It loads
// Cloudflare Turnstile when the reader is about to comment, and says so when it
// cannot; counts the comment's characters (./counter.ts); keeps the text in
// this browser until it is sent (./draft.ts); and makes the "Répondre" links
// fill in parent_id. No inline code, no eval: it runs under
// `script-src 'self'` plus the origin of TURNSTILE_SCRIPT_URL.
import { type BodyCounter, setUpCounter } from './counter';
import { type DraftKeeper, setUpDraft } from './draft';

/** A script not there by then is taken as blocked; it is still used if it arrives later. */
const LOAD_TIMEOUT_MS = 15_000;

const form = document.querySelector<HTMLFormElement>('#comment-form');
const body = form?.querySelector<HTMLTextAreaElement>('textarea[name="body"]');
if (form && body) {
  const status = setUpStatus(form);
  const counter = setUpCounter(body);
  const draft = setUpDraft(form, body, () => status?.note(status.texts.draftRestored ?? ''));
  const turnstile = status ? setUpTurnstile(form, status) : null;
  setUpReplies(form, body);
  guardSubmit(form, counter, turnstile, draft);
  leaveFormAddress(form);
}

interface Status {
  texts: DOMStringMap;
  /** Shows a problem under the widget, with a button to try again when there is something to retry. */
  say(message: string, retry?: () => void): void;
  /** Shows news that is no problem; the widget's progress does not clear it. */
  note(message: string): void;
  /** Clears a problem once it is solved. */
  clear(): void;
  /** Brings the reader to the message (when their "send" was not sent). */
  focus(): void;
}

function setUpStatus(form: HTMLFormElement): Status | null {
  const element = form.querySelector<HTMLElement>('#comment-form-status');
  if (!element) return null;
  return {
    texts: element.dataset,
    say(message, retry) {
      const text = document.createElement('p');
      text.textContent = message;
      const parts: HTMLElement[] = [text];
      if (retry) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = element.dataset.retry ?? '';
        button.addEventListener('click', retry);
        parts.push(button);
      }
      element.replaceChildren(...parts);
      element.className = 'comment-form-status is-problem';
    },
    note(message) {
      const text = document.createElement('p');
      text.textContent = message;
      element.replaceChildren(text);
      element.className = 'comment-form-status is-note';
    },
    clear() {
      if (element.classList.contains('is-note')) return;
      element.replaceChildren();
      element.className = 'comment-form-status';
    },
    focus() {
      element.focus();
    },
  };
}

interface TurnstileState {
  hasToken(): boolean;
  /** Sending was stopped for want of a token: say why and what to do. */
  explain(): void;
}

function setUpTurnstile(form: HTMLFormElement, status: Status): TurnstileState | null {
  const container = form.querySelector<HTMLElement>('#turnstile-widget');
  const sitekey = form.dataset.turnstileSitekey;
  // TURNSTILE_SCRIPT_URL with render=explicit (we render the widget once it has
  // run); the page's CSP allows that address's origin and no other.
  const scriptUrl = form.dataset.turnstileScript;
  if (!container || !sitekey || !scriptUrl) return null;
  const { texts } = status;

  let state: 'idle' | 'loading' | 'failed' | 'rendered' = 'idle';
  let widgetId: string | null | undefined = null;
  let script: HTMLScriptElement | null = null;
  let timer = 0;
  let widgetInTrouble = false;

  const failed = (): void => {
    state = 'failed';
    status.say(texts.failed ?? '', retryLoading);
  };
  const widgetError = (): boolean => {
    widgetInTrouble = true;
    status.say(texts.error ?? '', () => {
      widgetInTrouble = false;
      status.clear();
      window.turnstile.reset(widgetId ?? undefined);
    });
    // Handled: Turnstile then only retries by itself, without a console error.
    return true;
  };

  const render = (): void => {
    window.clearTimeout(timer);
    if (state === 'rendered') return;
    try {
      widgetId = window.turnstile.render(container, {
        sitekey,
        language: form.dataset.turnstileLanguage || 'auto',
        action: 'comment',
        theme: 'auto',
        'response-field-name': 'cf-turnstile-response',
        callback: () => {
          widgetInTrouble = false;
          status.clear();
        },
        'error-callback': widgetError,
        'timeout-callback': widgetError,
      });
      state = 'rendered';
      status.clear();
    } catch {
      // A bad configuration throws; say so rather than leaving an empty box.
      failed();
    }
  };

  const inject = (): void => {
    state = 'loading';
    script?.remove();
    script = document.createElement('script');
    script.src = scriptUrl;
    script.async = true;
    // The load event fires once api.js has run, so window.turnstile exists.
    // (turnstile.ready() is not an option: it refuses async scripts.)
    script.addEventListener('load', render);
    script.addEventListener('error', () => {
      window.clearTimeout(timer);
      failed();
    });
    document.head.append(script);
    timer = window.setTimeout(() => {
      if (state === 'loading') failed();
    }, LOAD_TIMEOUT_MS);
  };
  function retryLoading(): void {
    status.say(texts.loading ?? '');
    inject();
  }

  // Readers who never get near the form never contact challenges.cloudflare.com:
  // that saves the page weight and keeps the third party out of plain reading.
  // Without a token the server refuses the comment, says why, and keeps it.
  const load = (): void => {
    if (state !== 'idle') return;
    observer.disconnect();
    form.removeEventListener('focusin', load);
    inject();
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

  return {
    hasToken: () => Boolean(form.querySelector<HTMLInputElement>('input[name="cf-turnstile-response"]')?.value),
    explain: () => {
      if (state === 'failed') status.say(texts.failed ?? '', retryLoading);
      // The widget's own problem, if it has one, is already said, with its button.
      else if (!widgetInTrouble) status.say(texts.loading ?? '');
      load();
      status.focus();
    },
  };
}

/** What would only come back refused is not sent: too long, or no anti-robot token yet. */
function guardSubmit(
  form: HTMLFormElement,
  counter: BodyCounter | null,
  turnstile: TurnstileState | null,
  draft: DraftKeeper,
): void {
  form.addEventListener('submit', (event) => {
    if (counter?.isOver()) {
      event.preventDefault();
      counter.refuseToSend();
    } else if (turnstile && !turnstile.hasToken()) {
      event.preventDefault();
      turnstile.explain();
    } else {
      draft.markSent();
    }
  });
}

/**
 * After a refusal the address bar shows the form's address, the POST target.
 * Show the article's instead, so that a reload or a shared link opens the
 * article (without JavaScript, GET on the form's address redirects there).
 * No fragment: with one, the browser would skip the autofocus that brings
 * the reader to the problem.
 */
function leaveFormAddress(form: HTMLFormElement): void {
  const action = new URL(form.action);
  if (location.pathname !== action.pathname || !action.pathname.endsWith('/comments')) return;
  history.replaceState(history.state, '', action.pathname.slice(0, -'/comments'.length));
}

function setUpReplies(form: HTMLFormElement, body: HTMLTextAreaElement): void {
  const parentId = form.querySelector<HTMLInputElement>('input[name="parent_id"]');
  const context = document.getElementById('reply-context');
  const contextText = document.getElementById('reply-context-text');
  if (!parentId || !context || !contextText) return;

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
    // The name as the comment shows it (not repeated on every reply link).
    const author = link.closest('article')?.querySelector('.comment-author')?.textContent ?? '';
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
