// The answer-length hint of kb:check: words counted as a person reads the rendered answer, and
// the line of each long answer in its entry file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLongAnswers, MAX_ANSWER_WORDS, visibleWordCount } from '../../src/knowledge/answer-length';
import { entryLocator, loadKnowledge } from '../../src/knowledge/load';
import { lineOf, replace, shown, variant } from '../support/kb-variants';

describe('visibleWordCount', () => {
  it('counts the words of plain text', () => {
    expect(visibleWordCount('Account managers keep clients happy.')).toBe(5);
    expect(visibleWordCount('  ')).toBe(0);
  });

  it('does not count markdown marks as words', () => {
    expect(visibleWordCount('Duties:\n- budgets\n- reports, pitches')).toBe(4);
    expect(visibleWordCount('**Bold** words and a [job board](https://example.com/jobs) link')).toBe(7);
    expect(visibleWordCount('a – b')).toBe(2);
  });

  it('counts a range or a slashed pair as one word', () => {
    expect(visibleWordCount('Seniors earn $75,000–$95,000 with Office/Google tools')).toBe(6);
  });
});

describe('findLongAnswers', () => {
  const longText = Array.from({ length: MAX_ANSWER_WORDS + 1 }, (_, i) => `word${i}`).join(' ');
  const dir = variant({ 'entries/pay.yaml': replace('answer: Juniors earn {{salary.entry.range}}.', `answer: ${longText}`) });

  it('names each entry whose rendered answer has more than 80 words', () => {
    const kb = loadKnowledge(dir);
    expect(findLongAnswers(kb)).toEqual([{ entryId: 'pay-entry', words: MAX_ANSWER_WORDS + 1 }]);
    expect(findLongAnswers(kb, MAX_ANSWER_WORDS + 1)).toEqual([]);
  });

  it('counts the answer with its placeholders filled in', () => {
    // "Entry-level account managers earn $45,000–$55,000; directors earn $100,000–$150,000 or more."
    const kb = loadKnowledge(dir);
    expect(visibleWordCount(kb.entries.find((e) => e.id === 'pay')!.answer)).toBe(10);
    expect(findLongAnswers(kb, 9)).toContainEqual({ entryId: 'pay', words: 10 });
  });

  it('points at the line of each answer in its entry file', () => {
    const where = entryLocator(dir);
    const file = path.join('entries', 'pay.yaml');
    expect(where('pay-entry', ['answer'])).toBe(`${shown(dir, file)}:${lineOf(dir, file, 'word0')}`);
    expect(where('pay', ['answer'])).toBe(`${shown(dir, file)}:${lineOf(dir, file, 'answer: >-')}`);
    expect(where('reports-to', ['answer'])).toMatch(/career\.yaml:\d+$/);
  });
});
