// The pure parts of "Was this helpful?": what a click's data must hold to count, and which Slack
// replies are a yes or a no.
import { describe, expect, it } from 'vitest';
import { readFeedbackValue, readYesNo } from '../../src/render/feedback';

const known = (id: string) => id === 'salary-overview';

describe('readFeedbackValue', () => {
  it('takes a click on a known entry, clamping the score and cutting the question to the limit', () => {
    expect(readFeedbackValue({ faqFeedback: 'unhelpful', entry: 'salary-overview', query: 'x'.repeat(50), score: 7 }, known, 10)).toEqual({
      faqFeedback: 'unhelpful',
      entry: 'salary-overview',
      query: 'x'.repeat(10),
      score: 1,
    });
    expect(readFeedbackValue({ faqFeedback: 'helpful', entry: 'salary-overview', query: 'q' }, known, 10)?.score).toBe(0);
  });

  it('refuses anything else', () => {
    for (const value of [
      undefined,
      null,
      'helpful',
      [],
      { faqFeedback: 'helpful', entry: 'other', query: 'q' },
      { faqFeedback: 'HELPFUL', entry: 'salary-overview', query: 'q' },
      { faqFeedback: 'helpful', entry: 'salary-overview' },
      { faqFeedback: 'helpful', entry: { id: 'salary-overview' }, query: 'q' },
    ]) {
      expect(readFeedbackValue(value, known, 100)).toBeUndefined();
    }
  });
});

describe('readYesNo', () => {
  it('reads the usual ways of saying yes and no, and nothing else', () => {
    for (const yes of ['yes', 'Yes!', ' y ', 'yep', 'Yeah.']) expect(readYesNo(yes), yes).toBe(true);
    for (const no of ['no', 'No.', 'nope', 'nah', 'not really']) expect(readYesNo(no), no).toBe(false);
    for (const other of ['yes please tell me more', 'know', '2', '', 'and for seniors?']) expect(readYesNo(other), other).toBeUndefined();
  });
});
