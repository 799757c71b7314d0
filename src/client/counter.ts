// The comment's live character count. Counted as the server counts
// (src/comments/text.ts: code points once the text is normalised), so the
// browser never calls a text short enough that the server then refuses, nor
// the reverse. It never cuts anything: over the limit, it says by how much
// and the form is not sent.
import { characterCount, normalizeText } from '../comments/text';

/** From this many characters left, screen readers are told the count. */
const NEAR = 500;
/** After a pause this long in typing near or over the limit, the count is said again. */
const PAUSE_MS = 1500;

type Level = 'ok' | 'near' | 'over';

export interface BodyCounter {
  isOver(): boolean;
  /** The form was not sent: say why, next to the field and to screen readers. */
  refuseToSend(): void;
}

export function setUpCounter(body: HTMLTextAreaElement): BodyCounter | null {
  const counter = document.getElementById('comment-body-counter');
  const announcer = document.getElementById('comment-body-announcer');
  const max = Number(counter?.dataset.max);
  if (!counter || !announcer || !(max > 0)) return null;
  const data = counter.dataset;
  const language = document.documentElement.lang || 'fr';
  const plural = new Intl.PluralRules(language);
  const number = new Intl.NumberFormat(language);
  const phrase = (left: number): string => {
    const count = Math.abs(left);
    const form = plural.select(count) === 'one' ? 'One' : 'Other';
    const template = (left < 0 ? data[`over${form}`] : data[`remaining${form}`]) ?? '%s';
    return template.replace('%s', number.format(count));
  };
  const field = body.closest('.field');

  let left = max;
  let level: Level = 'ok';
  let said = '';
  let pause = 0;
  const announce = (text: string): void => {
    if (text === said) return;
    said = text;
    announcer.textContent = text;
  };
  const update = (quiet: boolean): void => {
    left = max - characterCount(normalizeText(body.value));
    const next: Level = left < 0 ? 'over' : left <= NEAR ? 'near' : 'ok';
    const text = phrase(left);
    counter.textContent = text;
    counter.classList.toggle('is-near', next === 'near');
    counter.classList.toggle('is-over', next === 'over');
    // The server's own error on the field stays as it was sent.
    if (!field?.classList.contains('has-error')) {
      if (next === 'over') body.setAttribute('aria-invalid', 'true');
      else body.removeAttribute('aria-invalid');
    }
    // Spoken when the count enters or leaves a zone that matters, then
    // after pauses while in one: never at every key.
    if (!quiet && next !== level && (next !== 'ok' || level === 'over')) announce(text);
    level = next;
    window.clearTimeout(pause);
    if (!quiet && level !== 'ok') pause = window.setTimeout(() => announce(phrase(left)), PAUSE_MS);
  };

  counter.hidden = false;
  const described = (body.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  body.setAttribute('aria-describedby', [...described, counter.id].join(' '));
  body.addEventListener('input', () => update(false));
  update(true);

  return {
    isOver: () => {
      update(true);
      return left < 0;
    },
    refuseToSend: () => {
      const text = `${data.tooLong ?? ''} ${phrase(left)}`.trim();
      counter.textContent = text;
      said = '';
      announce(text);
      body.focus();
    },
  };
}
