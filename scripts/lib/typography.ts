// French typography for text nodes: non-breaking spaces before the high
// punctuation and inside guillemets, typographic apostrophes and ellipses.
// Applied at publish time only, to prose text (never to code or URLs).

export const NBSP = '\u00a0';
/** The narrow no-break space French typography wants before ; ! ? */
export const NNBSP = '\u202f';

export function applyFrenchTypography(text: string): string {
  return (
    text
      // Existing spaces before high punctuation become non-breaking.
      .replace(/[ \t\u00a0\u202f]+([;!?])/g, `${NNBSP}$1`)
      .replace(/[ \t\u00a0\u202f]+(:)/g, `${NBSP}$1`)
      // Guillemets always hold a non-breaking space on their inner side.
      .replace(/«[ \t\u00a0\u202f]*/g, `«${NBSP}`)
      .replace(/[ \t\u00a0\u202f]*»/g, `${NBSP}»`)
      .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
      .replace(/\.\.\./g, '…')
  );
}
