// What the browser gets instead of https://challenges.cloudflare.com/turnstile/v0/api.js:
// a `window.turnstile` that behaves like Cloudflare's test widget (the
// "always passes" site key): render() draws a widget-like box in the
// container, adds the hidden response input under the name the page asks
// for, fills it with a token and calls the page's callback. The token tells
// the siteverify stand-in (./siteverify-stand-in.ts) how to answer, so a
// test can make the challenge fail on the server like a spent or forged token.

export const TURNSTILE_SCRIPT_URL = 'https://challenges.cloudflare.com/turnstile/v0/api.js';

export type ChallengeOutcome = 'success' | 'failure';

/** Cloudflare's own dummy token, which its test site keys hand out. */
const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

export function challengeToken(outcome: ChallengeOutcome): string {
  // "failure:" is the siteverify stand-in's prefix for an invalid-input-response answer.
  return outcome === 'failure' ? `failure:${DUMMY_TOKEN}` : DUMMY_TOKEN;
}

/**
 * The script's text. Browser code, kept as a string because it runs in the
 * page, not here; no inline styles in markup (the page's CSP has
 * `style-src 'self'`), only CSSOM properties, which CSP allows.
 */
export function turnstileStandInScript(outcome: ChallengeOutcome): string {
  return `(() => {
  const token = ${JSON.stringify(challengeToken(outcome))};
  const widgets = new Map();
  let next = 0;
  const containerOf = (target) => (typeof target === 'string' ? document.querySelector(target) : target);
  const fill = (widget) => {
    widget.input.value = token;
    widget.label.textContent = 'Turnstile (stand-in): success!';
    if (typeof widget.params.callback === 'function') widget.params.callback(token);
  };
  window.turnstile = {
    render(target, params = {}) {
      const container = containerOf(target);
      if (!container) throw new Error('turnstile stand-in: no container');
      if (!params.sitekey) throw new Error('turnstile stand-in: no sitekey');
      const id = 'cf-chl-widget-standin' + next++;
      const box = document.createElement('div');
      box.id = id;
      box.className = 'turnstile-stand-in';
      Object.assign(box.style, {
        width: '300px', height: '65px', boxSizing: 'border-box', display: 'flex', alignItems: 'center',
        padding: '0 16px', border: '1px solid #c4c4c4', borderRadius: '4px', background: '#fafafa',
        color: '#1d1f20', font: '14px system-ui, sans-serif',
      });
      const label = document.createElement('span');
      label.textContent = 'Turnstile (stand-in): verifying…';
      box.append(label);
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = params['response-field-name'] || 'cf-turnstile-response';
      input.id = id + '_response';
      container.append(box, input);
      const widget = { params, input, label };
      widgets.set(id, widget);
      // The real widget answers asynchronously, a moment after rendering.
      setTimeout(() => fill(widget), 50);
      return id;
    },
    reset(id) {
      for (const [key, widget] of widgets) {
        if (id === undefined || key === id) {
          widget.input.value = '';
          setTimeout(() => fill(widget), 50);
        }
      }
    },
    remove(id) {
      const widget = widgets.get(id);
      if (!widget) return;
      document.getElementById(id)?.remove();
      widget.input.remove();
      widgets.delete(id);
    },
    getResponse(id) {
      const widget = id === undefined ? widgets.values().next().value : widgets.get(id);
      return widget ? widget.input.value : undefined;
    },
    isExpired() {
      return false;
    },
    execute() {},
    ready(callback) {
      callback();
    },
  };
})();
`;
}
