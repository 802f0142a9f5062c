// Counterexamples are questions that share an entry's words but ask something its article does
// not say ("can my account manager waive the fee"), so the bot must decline them. One that reads
// the same as a question the knowledge base does answer would teach the matcher to decline it.
import { normalize, type Abbreviations } from '../search/normalize';
import type { Entry } from './schema';

export interface CounterexampleClash {
  /** Index of the entry holding the counterexample, and of the counterexample in it. */
  entry: number;
  counterexample: number;
  message: string;
}

/**
 * Every counterexample that, after normalization, equals an entry's question, title or alternate,
 * or an earlier counterexample (the later one is reported).
 */
export function findCounterexampleClashes(entries: readonly Entry[], abbreviations: Abbreviations): CounterexampleClash[] {
  const key = (t: string) => normalize(t, abbreviations);
  const answered = new Map<string, string>();
  const remember = (text: string, what: string) => {
    const k = key(text);
    if (k && !answered.has(k)) answered.set(k, what);
  };
  for (const e of entries) {
    remember(e.question, `the question of "${e.id}"`);
    remember(e.title, `the title of "${e.id}"`);
    for (const alternate of e.alternates) remember(alternate, `an alternate of "${e.id}"`);
  }

  const clashes: CounterexampleClash[] = [];
  const seen = new Map<string, string>();
  entries.forEach((e, entry) =>
    e.counterexamples.forEach((text, counterexample) => {
      const k = key(text);
      const same = answered.get(k);
      const earlier = seen.get(k);
      if (same) clashes.push({ entry, counterexample, message: `reads the same as ${same}, which the bot answers` });
      else if (earlier) clashes.push({ entry, counterexample, message: `repeats ${earlier}` });
      else seen.set(k, `counterexamples[${counterexample}] of "${e.id}"`);
    }),
  );
  return clashes;
}
