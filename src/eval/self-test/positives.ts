// The positive cases: every alternate, held out of its fold's index, asked as written and as
// perturbed copies (typos, chat forms, personal context, hedges and asides, slang, the subject left
// out). Each must get its entry's answer.
import type { KnowledgeBase } from '../../knowledge/load';
import { dropSubject } from './bare';
import type { SelfTestData } from '../../knowledge/self-test-schema';
import { toChatForm } from './chat';
import { embedInContext } from './context';
import type { PositiveKind, SelfTestCase } from './cases';
import { foldOf } from './folds';
import { rngFor } from './random';
import { rewriteWithSlang } from './slang';
import { addTypos } from './typos';
import { padQuestion } from './wordy';

export function positiveCases(kb: KnowledgeBase, data: SelfTestData, seed: number, folds: number): SelfTestCase[] {
  return kb.entries.flatMap((entry) =>
    entry.alternates.flatMap((alternate, i) => {
      const rng = (kind: PositiveKind) => rngFor(seed, kind, entry.id, i);
      const variants: [PositiveKind, string | undefined][] = [
        ['heldout', alternate],
        ['typo', addTypos(rng('typo'), alternate)],
        ['chat', toChatForm(rng('chat'), alternate, data.chat)],
        ['context', embedInContext(rng('context'), alternate, data.context)],
        ['wordy', padQuestion(rng('wordy'), alternate, data.wordy)],
        ['slang', rewriteWithSlang(rng('slang'), alternate, data.slang)],
        ['bare', dropSubject(alternate, kb.synonyms.subject)],
      ];
      return variants.flatMap(([kind, q]) =>
        q === undefined ? [] : [{ q, kind, expect: entry.id, entry: entry.id, fold: foldOf(i, folds) }],
      );
    }),
  );
}
