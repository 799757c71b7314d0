// How the blog's pages are held to valid HTML: html-validate's configuration
// and the reading of its reports, shared by the Worker's validity test
// (test/views/html-validity.test.ts, html-validate's browser build inside
// workerd) and by `npm run check` (its Node build, on the Worker started
// locally), so that both gates judge a page by the same rules.

// html-validate's Node and browser builds each declare their own ConfigData
// and Message, which TypeScript will not mix: these are the parts both share.
type Severity = 'off' | 'warn' | 'error';

export interface HtmlValidateConfig {
  extends: string[];
  rules: Record<string, Severity | [Severity, Record<string, unknown>]>;
}

/** What this file reads of one of html-validate's findings. */
export interface Finding {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  offset: number;
}

export const HTML_VALIDATE_CONFIG: HtmlValidateConfig = {
  extends: ['html-validate:recommended'],
  rules: {
    // Lowercase `<!doctype html>` is what the HTML standard itself writes; the
    // rule stays on so that every page writes it the same way.
    'doctype-style': ['error', { style: 'lowercase' }],
    // The desk's queue ticks comments with checkboxes that all post as "id"
    // (the route reads every value); a shared name is how checkbox groups work.
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
    // A search-result length hint, not a markup rule: titles are the author's
    // article titles followed by the blog's name, and the desk is never indexed.
    'long-title': 'off',
  },
};

/**
 * html-validate groups controls by the <form> around them and ignores the
 * `form` attribute, by which the standard ties a control to the form it
 * names: the queue's reply boxes sit in the bulk form's table but each
 * belongs to its own reply form. Only those reports are set aside.
 */
export function isFormAttributeFalsePositive(message: Finding, markup: string): boolean {
  if (message.ruleId !== 'form-dup-name') return false;
  const tagStart = markup.lastIndexOf('<', message.offset);
  const tag = markup.slice(tagStart, markup.indexOf('>', message.offset) + 1);
  return /\sform="[^"]+"/.test(tag);
}

/** The report's findings as "line:column rule: message" with the offending source line under each. */
export function describeProblems(messages: Finding[], markup: string): string[] {
  const lines = markup.split('\n');
  return messages
    .filter((message) => !isFormAttributeFalsePositive(message, markup))
    .map((message) => {
      const source = (lines[message.line - 1] ?? '').trim();
      return `${message.line}:${message.column} ${message.ruleId}: ${message.message}\n    ${message.line} | ${source}`;
    });
}
