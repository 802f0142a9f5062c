// The shape of knowledge/tuning.yaml, which `npm run tune` writes.
import { z } from 'zod';

const weight = z.number().finite().min(0);
const probability = z.number().min(0).max(1);

/**
 * The matcher's fitted parameters, written by `npm run tune` (never by hand): the ranker's weights
 * (a missing one keeps its default),
 * the logistic calibration of its evidence, and the answer / clarify / fallback thresholds.
 */
export const tuningFileSchema = z
  .object({
    weights: z
      .object({
        coverage: weight,
        closeness: weight,
        phrase: weight,
        bayes: weight,
        facetMatch: weight,
        facetMismatch: weight,
        rowBonus: weight,
        unknownWord: weight,
        unknownWordContext: weight,
        unknownWithSubject: weight,
        otherOccupation: weight,
        bodyTerm: weight,
        saturation: weight.positive(),
        focusShare: weight.max(1),
        neighbour: weight,
        askAgreement: weight.max(2),
      })
      .partial()
      .strict(),
    calibration: z
      .object({ intercept: z.number().finite(), coefficients: z.record(z.string(), z.number().finite()) })
      .strict(),
    decision: z
      .object({
        /** The probability at or above which the best candidate is answered. */
        answerAt: probability,
        /** Between this and answerAt, close candidates are offered as "Did you mean ...?". */
        clarifyAt: probability,
        /** How close (in probability) a runner-up must be to the best to be offered. */
        clarifyMargin: probability,
        maxChoices: z.number().int().min(2).max(5),
      })
      .strict()
      .refine((d) => d.clarifyAt <= d.answerAt, 'clarifyAt must not exceed answerAt'),
    /** How the parameters were fitted, so a run can be reproduced. */
    fitted: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  })
  .strict();

export type TuningData = z.infer<typeof tuningFileSchema>;
