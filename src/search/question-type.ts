// What kind of answer a question asks for, read from its question word: "who does an AM report
// to" wants a person, "how much" an amount, "when" a time. An entry whose own questions ask the
// same way is more likely the one meant than an entry that only shares the question's nouns.
// English only (the words are in resources/language/english.yaml); the rules read normalized text
// (lower case, contractions expanded).
import { alternation, ENGLISH, type QUESTION_WORD_TYPES } from './english';

export type QuestionType = (typeof QUESTION_WORD_TYPES)[number] | 'yesno';

const RULES: readonly [QuestionType, RegExp][] = [
  ...ENGLISH.questionTypes.map(({ type, words }): [QuestionType, RegExp] => [type, new RegExp(`\\b${alternation(words)}\\b`)]),
  ['yesno', new RegExp(`^(?:${alternation(ENGLISH.yesNo.openers)} )?${alternation(ENGLISH.yesNo.verbs)}\\b`)],
];

/** The first rule that matches, in the order above (the specific "how much" before the general "how"). */
export function questionType(normalized: string): QuestionType | undefined {
  for (const [type, pattern] of RULES) if (pattern.test(normalized)) return type;
  return undefined;
}

/** For each question type, the share of these questions that ask that way (untyped ones are left out). */
export function typeShares(normalizedQuestions: readonly string[]): Map<QuestionType, number> {
  const counts = new Map<QuestionType, number>();
  let typed = 0;
  for (const q of normalizedQuestions) {
    const type = questionType(q);
    if (type === undefined) continue;
    typed++;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return new Map([...counts].map(([type, n]) => [type, n / typed]));
}

/**
 * How well an entry's questions agree with the way this one asks, in [0, 1]: the share of its
 * questions asking the same way, or 0.5 when the question has no question word or the entry none.
 */
export function askAgreement(type: QuestionType | undefined, shares: ReadonlyMap<QuestionType, number> | undefined): number {
  if (type === undefined || shares === undefined || shares.size === 0) return 0.5;
  return shares.get(type) ?? 0;
}
