// Name matching across Kazakh Cyrillic, Russian Cyrillic and Latin spellings.
// See key.ts for the folding table.
import { toLatinKey } from './key.ts';
import { jaroWinkler } from './similarity.ts';

export { toLatinKey } from './key.ts';
export { jaro, jaroWinkler } from './similarity.ts';

export type NameScript = 'cyrillic' | 'latin' | 'mixed';

/**
 * The key of a person's full name: "lastkey firstkey[ middlekey]", for trigram similarity
 * (pg_trgm) over keys. A part that folds to nothing is left out.
 */
export function personNameKey(p: { lastName: string; firstName: string; middleName?: string | null }): string {
  return [p.lastName, p.firstName, p.middleName ?? '']
    .map(toLatinKey)
    .filter((k) => k.length > 0)
    .join(' ');
}

/**
 * The folded tokens of a name: split on whitespace, hyphens and other punctuation; each token
 * folded with `toLatinKey`. Apostrophes inside a word are removed rather than split on
 * (Ol'ga → olga, G'ayrat → gayrat), because Latin spellings use them for soft signs and
 * Uzbek letters.
 */
export function nameTokens(s: string): string[] {
  return toLatinKey(s).split(' ').filter((t) => t.length > 0);
}

/** Token pairs less alike than this count as unmatched (Jaro–Winkler of unrelated words is ~0.5). */
const TOKEN_THRESHOLD = 0.7;

function tokenDice(a: readonly string[], b: readonly string[]): number {
  // greedy best one-to-one match of tokens, Dice-style over both token counts
  const pairs: { i: number; j: number; s: number }[] = [];
  a.forEach((ta, i) => b.forEach((tb, j) => pairs.push({ i, j, s: jaroWinkler(ta, tb) })));
  pairs.sort((x, y) => y.s - x.s);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let sum = 0;
  for (const p of pairs) {
    if (p.s < TOKEN_THRESHOLD) break;
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    sum += p.s;
  }
  return (2 * sum) / (a.length + b.length);
}

/**
 * Similarity of two names, 0..1, for ranking. Both names are folded to key tokens
 * (`nameTokens`); tokens are matched one to one, best pairs first, by Jaro–Winkler, pairs below
 * 0.7 counting as unmatched; the score is 2·Σmatched / (tokens in a + tokens in b). So word order
 * does not matter, spellings of one name give 1, a query with fewer words than the stored name
 * scores by the share matched ("Askar" vs "Askar Myrzakhmetov" = 2/3), and an empty name gives 0.
 */
/**
 * The same measure over words already folded (a stored name key split on spaces): for ranking
 * many candidates against one query without folding either again.
 */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return Math.min(1, tokenDice(a, b));
}

export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  return Math.min(1, tokenDice(ta, tb));
}

/** The script a name is written in, judged by its letters; a string without letters counts as 'latin'. */
export function detectScript(s: string): NameScript {
  const cyr = /\p{Script=Cyrillic}/u.test(s);
  const lat = /\p{Script=Latin}/u.test(s);
  if (cyr && lat) return 'mixed';
  return cyr ? 'cyrillic' : 'latin';
}
