// What the blocklist sees through (src/comments/fold.ts), and the look-alike
// table as the script makes it from Unicode's confusables.txt.
import { describe, expect, it } from 'vitest';
import confusables from '../../scripts/data/confusables.txt?raw';
import { lookAlikesFrom, lookAlikesModule } from '../../scripts/lib/look-alikes';
import { containsAnyWord, foldForMatching } from '../../src/comments/fold';
import { LOOK_ALIKES } from '../../src/comments/look-alikes';
import lookAlikesSource from '../../src/comments/look-alikes.ts?raw';

const BLOCKLIST = ['viagra', 'crédit rapide', 'sexe'];

describe('blocklisted words in disguise', () => {
  it.each([
    ['soft hyphens', 'Achetez du via\u00adgra ici'],
    ['zero-width joiners', 'Achetez du v\u200di\u200da\u200dg\u200dr\u200da'],
    ['zero-width non-joiners', 'Achetez du vi\u200cag\u200cra'],
    ['Mongolian vowel separators', 'Achetez du via\u180egra'],
    ['tag characters', 'Achetez du vi\u{e0041}ag\u{e007f}ra'],
    ['spaced letters', 'Achetez du v i a g r a ici'],
    ['letters apart by dots', 'Achetez du V.I.A.G.R.A.'],
    ['a phrase spelled out whole', 'c r é d i t r a p i d e, sans frais'],
    ['Cyrillic а', 'Achetez du vi\u0430gr\u0430'],
    ['Cyrillic capitals', 'ACHETEZ DU V\u0406\u0410GR\u0410'],
    ['dotless ı', 'Achetez du v\u0131agra'],
    ['full-width letters', 'Achetez du ｖｉａｇｒａ'],
    ['mathematical letters', 'Achetez du 𝐯𝐢𝐚𝐠𝐫𝐚'],
    ['Greek α', 'Achetez du vi\u03b1gr\u03b1'],
    ['Cyrillic е in another word', 'S\u0435x\u0435 gratuit'],
  ])('catches %s', (_label, text) => {
    expect(containsAnyWord(text, BLOCKLIST)).toBe(true);
  });

  it('leaves an ordinary French comment alone', () => {
    const comment =
      'Merci pour ce billet ! Il y a à boire et à manger, mais les exemples sont clairs : j’y reviendrai. ' +
      'L’œuvre de Zoé — « crédit » à qui de droit — m’a plu. Voir https://exemple.fr/a-b-c et le point 1, 2, 3.';
    expect(containsAnyWord(comment, BLOCKLIST)).toBe(false);
  });

  it('never joins whole words: "les exemples" does not read "sexe", nor "crédit, rapide" the phrase', () => {
    expect(containsAnyWord('Tous les exemples', ['sexe'])).toBe(false);
    expect(containsAnyWord('Mon crédit, rapide à venir', ['creditrapide'])).toBe(false);
  });

  it('ignores a blocklist word that folds to nothing', () => {
    expect(containsAnyWord('Bonjour', ['\u200b\u00ad', '   '])).toBe(false);
  });
});

describe('the folded text', () => {
  it('is the same for two texts apart only by white space runs and invisible characters', () => {
    expect(foldForMatching('Deux  fois\n\nla\u00a0même\u200b chose ')).toBe(foldForMatching('Deux fois la même chose'));
  });

  it('is stable: folding twice changes nothing', () => {
    const text = 'ＡＢＣ vi\u0430gr\u0430 v\u0131a Straße ΝΟ 𝐯 ﬁn';
    expect(foldForMatching(foldForMatching(text))).toBe(foldForMatching(text));
  });
});

describe('the look-alike table', () => {
  it('is what scripts/generate-look-alikes.ts makes of the committed confusables.txt', () => {
    const generated = lookAlikesFrom(confusables);
    expect(generated.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(LOOK_ALIKES).toEqual(generated.table);
    expect(lookAlikesSource).toBe(lookAlikesModule(generated));
  });

  it('maps to Latin letters and digits only, never from ASCII', () => {
    for (const [latin, characters] of Object.entries(LOOK_ALIKES)) {
      expect(latin).toMatch(/^[0-9a-z]$/);
      for (const character of characters) expect(character.codePointAt(0)).toBeGreaterThan(0x7f);
    }
    expect(LOOK_ALIKES.a).toContain('\u0430');
  });
});
