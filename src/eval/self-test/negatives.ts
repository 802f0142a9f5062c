// The negative cases: questions the bot must decline. Occupation swaps of the knowledge base's own
// questions and alternates, "account manager" in its customer sense, editors' counterexamples,
// aspects of the job the article lacks and general questions. Each gets a fold so the folds split
// the corpus; only counterexamples depend on the fold's knowledge base (they are held out with the
// alternates, see corpus.ts).
//
// Every negative is also asked in one of the styles the positives are (typos, chat forms, personal
// context, hedges): were only positives ever typed sloppily or wrapped in context, the style alone
// would tell the fit that a message is answerable, which real traffic does not.
import { intBetween, pick } from '../../lib/prng';
import type { KnowledgeBase } from '../../knowledge/load';
import type { SelfTestData } from '../../knowledge/self-test-schema';
import type { SelfTestCase } from './cases';
import { mentionsSubject, swapSubject } from './occupations';
import { toChatForm } from './chat';
import { embedInContext } from './context';
import { foldOf } from './folds';
import { rngFor, sample, type Rng } from './random';
import { addTypos } from './typos';
import { padQuestion } from './wordy';

/** Other jobs asked about per main question: enough variety without drowning the other kinds. */
export const OCCUPATIONS_PER_QUESTION = 4;

/**
 * Each main question about a few other jobs (in a random fold), and each alternate that names the
 * subject about one other job (in the alternate's fold), so negatives read like both.
 */
export function occupationCases(kb: KnowledgeBase, data: SelfTestData, seed: number, folds: number): SelfTestCase[] {
  const swapped = (question: string, occupation: SelfTestData['occupations'][number]) => {
    const q = swapSubject(question, occupation);
    return q !== question && !mentionsSubject(q, kb.synonyms.subject) ? q : undefined;
  };
  return kb.entries.flatMap((entry) => {
    const rng = rngFor(seed, 'occupation', entry.id);
    const fromQuestion = sample(rng, data.occupations, OCCUPATIONS_PER_QUESTION).flatMap((occupation) => {
      const q = swapped(entry.question, occupation);
      return q === undefined ? [] : [{ q, fold: intBetween(rng, 0, folds - 1) }];
    });
    const fromAlternates = entry.alternates.flatMap((alternate, i) => {
      const q = swapped(alternate, pick(rngFor(seed, 'occupation', entry.id, i), data.occupations));
      return q === undefined ? [] : [{ q, fold: foldOf(i, folds) }];
    });
    return [...fromQuestion, ...fromAlternates].map(({ q, fold }) => ({ q, kind: 'occupation' as const, entry: entry.id, fold }));
  });
}

const restyle = {
  typo: (rng: Rng, q: string) => addTypos(rng, q),
  chat: (rng: Rng, q: string, data: SelfTestData) => toChatForm(rng, q, data.chat),
  context: (rng: Rng, q: string, data: SelfTestData) => embedInContext(rng, q, data.context),
  wordy: (rng: Rng, q: string, data: SelfTestData) => padQuestion(rng, q, data.wordy),
} as const;

/** The negatives again, each in one style the positives are asked in, picked at random. */
export function styledCopies(negatives: readonly SelfTestCase[], data: SelfTestData, seed: number): SelfTestCase[] {
  return negatives.flatMap((c, i) => {
    const rng = rngFor(seed, 'styled', c.kind, i);
    const style = pick(rng, ['typo', 'chat', 'context', 'wordy'] as const);
    const q = restyle[style](rng, c.q, data);
    return q === undefined || q === c.q ? [] : [{ ...c, q }];
  });
}

export function otherSenseCases(data: SelfTestData, seed: number, folds: number): SelfTestCase[] {
  return data.otherSense.templates.map((template, i) => {
    const rng = rngFor(seed, 'other-sense', i);
    const q = template.replace(/\{provider\}/g, () => pick(rng, data.otherSense.providers));
    return { q, kind: 'other-sense' as const, fold: intBetween(rng, 0, folds - 1) };
  });
}

/** Questions about an aspect of the job the article lacks, the subject in one of its forms. */
export function uncoveredCases(data: SelfTestData, seed: number, folds: number): SelfTestCase[] {
  const { subject, questions } = data.uncovered;
  return questions.map((template, i) => {
    const rng = rngFor(seed, 'uncovered', i);
    const q = template.replace(/\{(one|many|field)\}/g, (_, form: keyof typeof subject) => pick(rng, subject[form]));
    return { q, kind: 'uncovered' as const, fold: intBetween(rng, 0, folds - 1) };
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
