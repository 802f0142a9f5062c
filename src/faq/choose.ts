// The answer / clarify / fallback rule over calibrated candidates. Pure, so the tuner simulates
// exactly what the bot will do when it picks the thresholds.
import type { TuningData } from '../knowledge/schema';
import type { ScoredEntry } from './decision';

export type Thresholds = TuningData['decision'];

export type Choice =
  | { kind: 'answer' }
  | { kind: 'fallback' }
  /** The best candidate first, then the close unrelated ones. */
  | { kind: 'clarify'; choices: ScoredEntry[] };

/**
 * @param ranked candidates, most likely first. Below answerAt, "Did you mean" needs a second
 *   candidate nearly as likely; a lone unsure candidate is only offered as a fallback topic.
 */
export function choose(ranked: readonly ScoredEntry[], thresholds: Thresholds): Choice {
  const { answerAt, clarifyAt, clarifyMargin, maxChoices } = thresholds;
  const best = ranked[0];
  if (!best || best.score < clarifyAt) return { kind: 'fallback' };
  if (best.score >= answerAt) return { kind: 'answer' };
  const close = ranked.slice(1).filter((h) => best.score - h.score <= clarifyMargin && h.score >= clarifyAt);
  if (close.length === 0) return { kind: 'fallback' };
  return { kind: 'clarify', choices: [best, ...close].slice(0, maxChoices) };
}
