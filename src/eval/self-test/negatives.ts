// The negative cases: questions the bot must decline. Occupation swaps of the knowledge base's own
// questions, "account manager" in its customer sense, editors' counterexamples and general
// questions. Each gets a fold so the folds split the corpus; only counterexamples depend on the
// fold's knowledge base (they are held out with the alternates, see corpus.ts).
import { intBetween, pick } from '../../bench/prng';
import type { KnowledgeBase } from '../../knowledge/load';
import type { SelfTestData } from '../../knowledge/schema';
import type { SelfTestCase } from './corpus';
import { mentionsSubject, swapSubject } from './occupations';
import { foldOf } from './folds';
import { rngFor, sample } from './random';

/** Other jobs asked about per main question: enough variety without drowning the other kinds. */
export const OCCUPATIONS_PER_QUESTION = 4;

export function occupationCases(kb: KnowledgeBase, data: SelfTestData, seed: number, folds: number): SelfTestCase[] {
  return kb.entries.flatMap((entry) => {
    const rng = rngFor(seed, 'occupation', entry.id);
    return sample(rng, data.occupations, OCCUPATIONS_PER_QUESTION)
      .map((occupation) => swapSubject(entry.question, occupation))
      .filter((q) => q !== entry.question && !mentionsSubject(q, kb.synonyms.subject))
      .map((q) => ({ q, kind: 'occupation' as const, entry: entry.id, fold: intBetween(rng, 0, folds - 1) }));
  });
}

export function otherSenseCases(data: SelfTestData, seed: number, folds: number): SelfTestCase[] {
  return data.otherSense.templates.map((template, i) => {
    const rng = rngFor(seed, 'other-sense', i);
    const q = template.replace(/\{provider\}/g, () => pick(rng, data.otherSense.providers));
    return { q, kind: 'other-sense' as const, fold: intBetween(rng, 0, folds - 1) };
  });
}

export function generalCases(data: SelfTestData, seed: number, folds: number): SelfTestCase[] {
  return data.general.map((q, i) => ({ q, kind: 'general' as const, fold: intBetween(rngFor(seed, 'general', i), 0, folds - 1) }));
}

/** Counterexample i of an entry belongs to fold i mod folds, like its alternates. */
export function counterexampleCases(kb: KnowledgeBase, folds: number): SelfTestCase[] {
  return kb.entries.flatMap((entry) =>
    entry.counterexamples.map((q, i) => ({ q, kind: 'counterexample' as const, entry: entry.id, fold: foldOf(i, folds) })),
  );
}
