import { describe, expect, it } from 'vitest';
import { focusSentence, isAsking, sentences } from '../../src/search/focus';

describe('focusSentence', () => {
  it('takes the last sentence with a question mark, wherever it stands', () => {
    expect(focusSentence('I run a small shop. What would the work look like? I have two kids.')).toBe('What would the work look like?');
    expect(focusSentence('Is it stressful? My uncle did it for years. Would the hours suit a parent?')).toBe(
      'Would the hours suit a parent?',
    );
  });

  it('takes a sentence that opens like a question when none has a question mark', () => {
    expect(focusSentence('I finished my degree last spring. I want to know what the first year pays. Thanks a lot.')).toBe(
      'I want to know what the first year pays.',
    );
  });

  it('falls back to the last sentence, and has no focus for one sentence or a few words', () => {
    expect(focusSentence('My friend works at an agency downtown. She loves the clients there.')).toBe('She loves the clients there.');
    expect(focusSentence('what do they earn in their first year at an agency in a big city')).toBeUndefined();
    expect(focusSentence('Hi. Pay?')).toBeUndefined();
  });
});

describe('isAsking and sentences', () => {
  it('recognises questions without a mark and ignores a leading "so"', () => {
    expect(isAsking('so how do people get promoted')).toBe(true);
    expect(isAsking('Tell me about bonuses')).toBe(true);
    expect(isAsking('My cousin runs a bakery.')).toBe(false);
  });

  it('splits at sentence ends and line breaks', () => {
    expect(sentences('One. Two?\nThree!')).toEqual(['One.', 'Two?', 'Three!']);
  });
});
