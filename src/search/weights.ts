// The ranker's weights: what `npm run tune` fits and knowledge/tuning.yaml holds. The defaults are
// where the tuner starts and what a weight left out of tuning.yaml keeps.

export interface ScoringWeights {
  coverage: number;
  closeness: number;
  phrase: number;
  /** Added times the entry's share of the naive Bayes posterior among the shortlist (bayes.ts). */
  bayes: number;
  facetMatch: number;
  facetMismatch: number;
  /**
   * Added to the entry for the exact row a question asks about when it uses the dimension's topic
   * words ("what does someone with a decade of experience earn" -> the senior pay row).
   */
  rowBonus: number;
  /** How much of the rarest term's weight an unknown word carries. */
  unknownWord: number;
  /**
   * Questions longer than this many terms discount unknown words proportionally: in a one-line
   * question an unknown word is probably the subject ("CEO"), in a paragraph it is mostly context.
   */
  unknownWordContext: number;
  /** Unknown words weigh this much less when the question names the subject ("account manager"). */
  unknownWithSubject: number;
  /** Scales every score of a question about another occupation (see SearchOptions.personNouns). */
  otherOccupation: number;
  /** Weight of a term seen only in the answer text, relative to one seen in a question. */
  bodyTerm: number;
  /** A term used by this many of an entry's fields counts half; more uses approach full weight. */
  saturation: number;
  /** How much of the asking sentence's advantage over the whole message an entry gains (focus.ts). */
  focusShare: number;
  /** How much an entry whose questions ask the same way ("who", "how much") gains (question-type.ts). */
  askAgreement: number;
  /**
   * Weight of an unknown word's neighbour term, relative to the term itself, per unit of
   * similarity; the unknown word keeps 1 - similarity * neighbour of its own weight.
   */
  neighbour: number;
}

export const DEFAULT_WEIGHTS: ScoringWeights = {
  coverage: 0.6,
  closeness: 0.4,
  phrase: 0.1,
  bayes: 0.2,
  facetMatch: 0.3,
  facetMismatch: 0.2,
  rowBonus: 0.25,
  unknownWord: 1,
  unknownWordContext: 6,
  unknownWithSubject: 0.7,
  otherOccupation: 0.2,
  bodyTerm: 0.5,
  saturation: 1,
  focusShare: 0.5,
  askAgreement: 0.2,
  neighbour: 0.7,
};
