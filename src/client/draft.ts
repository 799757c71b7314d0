// The comment being written, kept in this browser until it is sent: a
// reload, a closed tab, a widget that would not load or a refusal never cost
// the reader their text. Only the text (no name, no address), for a week, in
// localStorage under the form's address; removed once the comment is sent.

const KEPT_MS = 7 * 24 * 3600 * 1000;
/** A post answered within this time after "send" counts as this send's answer. */
const ANSWER_MS = 10 * 60 * 1000;
const SAVE_DELAY_MS = 400;

interface Draft {
  text: string;
  savedAt: number;
  /** When the form was sent with this text; the next page says whether it was taken. */
  sentAt?: number;
}

export interface DraftKeeper {
  /** The form is leaving with the text: keep it until the answer says it was taken. */
  markSent(): void;
}

export function setUpDraft(form: HTMLFormElement, body: HTMLTextAreaElement, restored: () => void): DraftKeeper {
  const key = `causerie:comment-draft:${new URL(form.action).pathname}`;
  const storage = localStorageOrNull();
  const read = (): Draft | null => {
    try {
      const draft = JSON.parse(storage?.getItem(key) ?? 'null') as Draft | null;
      return draft && typeof draft.text === 'string' && Date.now() - draft.savedAt < KEPT_MS ? draft : null;
    } catch {
      return null;
    }
  };
  const write = (draft: Draft | null): void => {
    try {
      if (draft) storage?.setItem(key, JSON.stringify(draft));
      else storage?.removeItem(key);
    } catch {
      // Full or refused (private browsing): the text is still in the form.
    }
  };
  const save = (sentAt?: number): void => {
    const text = body.value;
    write(text.trim() ? { text, savedAt: Date.now(), sentAt } : null);
  };

  const draft = read();
  const refused = form.querySelector('#form-notice') !== null;
  // Sent, and this page is the answer that took it (the comment's anchor,
  // or the comments for one held as spam): the draft has done its job.
  const taken =
    draft?.sentAt !== undefined &&
    Date.now() - draft.sentAt < ANSWER_MS &&
    !refused &&
    /^#comment(s|-\d+)$/.test(location.hash) &&
    navigationType() !== 'back_forward';
  if (taken) {
    write(null);
  } else if (
    draft &&
    (body.value.trim() === '' || (body.hasAttribute('data-partial') && draft.text.length > body.value.length))
  ) {
    // Put back what was typed, in full where the server got only the start.
    body.value = draft.text;
    restored();
  }
  // What the server sent back after a refusal is kept too, for a reload.
  if (!taken && body.value.trim()) save();

  let timer = 0;
  body.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => save(), SAVE_DELAY_MS);
  });
  window.addEventListener('pagehide', () => {
    if (timer) save();
  });
  return {
    markSent: () => {
      window.clearTimeout(timer);
      timer = 0;
      save(Date.now());
    },
  };
}

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function navigationType(): string | undefined {
  const [entry] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return entry?.type;
}
