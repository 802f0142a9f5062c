// The kinds of self-test case and the case itself: what the generators make and the runner, the
// report and the fit read.
export type PositiveKind = 'heldout' | 'typo' | 'chat' | 'context' | 'wordy' | 'slang' | 'bare';
export type NegativeKind = 'occupation' | 'other-sense' | 'counterexample' | 'uncovered' | 'general';

export const POSITIVE_KINDS: readonly PositiveKind[] = ['heldout', 'typo', 'chat', 'context', 'wordy', 'slang', 'bare'];
export const NEGATIVE_KINDS: readonly NegativeKind[] = ['occupation', 'other-sense', 'counterexample', 'uncovered', 'general'];

export interface SelfTestCase {
  q: string;
  kind: PositiveKind | NegativeKind;
  /** The entry id that must be answered; undefined for negatives (they must fall back). */
  expect?: string;
  /** The entry the case was made from (also for occupation and counterexample negatives). */
  entry?: string;
  fold: number;
}

export function isPositive(kind: SelfTestCase['kind']): kind is PositiveKind {
  return (POSITIVE_KINDS as readonly string[]).includes(kind);
}
