// npm run generate:look-alikes: writes src/comments/look-alikes.ts, the
// table the blocklist and the duplicate check use to see Cyrillic "а" or
// dotless "ı" as the Latin letter they imitate, from the committed copy of
// Unicode's confusables.txt. Works offline. To move to a newer Unicode
// version, replace scripts/data/confusables.txt with the one published at
// https://www.unicode.org/Public/security/latest/confusables.txt and run it again.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lookAlikesFrom, lookAlikesModule } from './lib/look-alikes.ts';

const source = fileURLToPath(new URL('data/confusables.txt', import.meta.url));
const target = fileURLToPath(new URL('../src/comments/look-alikes.ts', import.meta.url));

const lookAlikes = lookAlikesFrom(readFileSync(source, 'utf8'));
writeFileSync(target, lookAlikesModule(lookAlikes));
const count = Object.values(lookAlikes.table).reduce((sum, sources) => sum + [...sources].length, 0);
console.log(
  `look-alikes: ${count} characters for ${Object.keys(lookAlikes.table).length} letters and digits (Unicode ${lookAlikes.version}) written to src/comments/look-alikes.ts.`,
);
