// "Was this helpful?" under an answer. Where cards are drawn (Web Chat, Teams) it is a pair of
// Action.Submit buttons in the answer's card, whose data says which answer to which question they
// judge, so the reply needs no state; on Slack it is a line asking for "yes" or "no". Pure: plain
// objects in and out, no botbuilder import.
import type { MessagesData } from '../knowledge/schema';

export type FeedbackCopy = MessagesData['feedback'];

/** What the buttons carry: the answer's entry and the question it answered. */
export interface FeedbackRequest {
  entryId: string;
  query: string;
  score: number;
}

/** The card data of a click (an incoming activity's `value`). */
export interface FeedbackValue {
  faqFeedback: 'helpful' | 'unhelpful';
  entry: string;
  query: string;
  score: number;
}

/** The card body element: the question and its two buttons. */
export function feedbackActionSet(copy: FeedbackCopy, request: FeedbackRequest): Record<string, unknown>[] {
  const data = (faqFeedback: FeedbackValue['faqFeedback']): FeedbackValue => ({
    faqFeedback,
    entry: request.entryId,
    query: request.query,
    score: request.score,
  });
  return [
    { type: 'TextBlock', text: copy.ask, wrap: true, isSubtle: true, size: 'Small', spacing: 'Medium' },
    {
      type: 'ActionSet',
      spacing: 'Small',
      actions: [
        { type: 'Action.Submit', title: copy.yes, data: data('helpful') },
        { type: 'Action.Submit', title: copy.no, data: data('unhelpful') },
      ],
    },
  ];
}

/**
 * A click's data, checked: anyone can post any `value`, so only a known entry and a question no
 * longer than the bot reads are taken. Undefined for anything else (not feedback, or forged).
 */
export function readFeedbackValue(value: unknown, isEntry: (id: string) => boolean, maxTextChars: number): FeedbackValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { faqFeedback, entry, query, score } = value as Record<string, unknown>;
  if (faqFeedback !== 'helpful' && faqFeedback !== 'unhelpful') return undefined;
  if (typeof entry !== 'string' || !isEntry(entry) || typeof query !== 'string') return undefined;
  const confidence = typeof score === 'number' && Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  return { faqFeedback, entry, query: query.slice(0, maxTextChars), score: confidence };
}

/** A Slack reply to "Was this helpful?": true for yes, false for no, undefined for anything else. */
export function readYesNo(text: string): boolean | undefined {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (/^(yes|y|yep|yeah|yup|it did|it was|helpful)$/.test(word)) return true;
  if (/^(no|n|nope|nah|it didn't|it did not|not really|not helpful)$/.test(word)) return false;
  return undefined;
}
