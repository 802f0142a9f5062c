// tokenize: stop words, content words and stemming.
import { describe, expect, it } from 'vitest';
import { contentWords, isContentWord, isStopWord, stem } from '../../src/search/tokenize';

describe('stop words', () => {
  it('knows English function words and chat filler', () => {
    for (const w of ['the', 'a', 'is', 'what', 'do', 'you', 'to', 'hi', 'please', 'lol', 'kinda']) expect(isStopWord(w)).toBe(true);
  });

  it('drops "us", whose stem is the stem of "use": "in the US" is not about tools people use', () => {
    expect(stem('us')).toBe(stem('use'));
    expect(isStopWord('us')).toBe(true);
    expect(contentWords('how many account managers are there in the US'.toLowerCase())).toEqual(['account', 'managers']);
  });

  it('does not treat domain words as stop words', () => {
    for (const w of ['account', 'manager', 'salary', 'pay', 'skills', 'boss', 'career', 'internship']) expect(isStopWord(w)).toBe(false);
  });
});

describe('contentWords', () => {
  it('removes stop words and keeps the rest in order, unstemmed', () => {
    expect(contentWords('what do account managers earn in a year')).toEqual(['account', 'managers', 'earn', 'year']);
  });

  it('drops numbers and single letters but keeps words with digits inside', () => {
    expect(contentWords('salary after 5 years in 2024 x b2b')).toEqual(['salary', 'years', 'b2b']);
    expect(isContentWord('50k')).toBe(false);
    expect(isContentWord('7')).toBe(false);
    expect(isContentWord('x')).toBe(false);
  });

  it('returns nothing for an empty or stop-word-only text', () => {
    expect(contentWords('')).toEqual([]);
    expect(contentWords('what is it that you do')).toEqual([]);
  });
});

describe('stem', () => {
  it('reduces inflections of a word to one stem', () => {
    expect(stem('managers')).toBe('manag');
    expect(stem('management')).toBe('manag');
    expect(stem('managing')).toBe(stem('manager'));
    expect(stem('skills')).toBe(stem('skill'));
    expect(stem('earning')).toBe(stem('earn'));
  });

  it('keeps unrelated words apart', () => {
    expect(stem('salary')).not.toBe(stem('sales'));
    expect(stem('client')).not.toBe(stem('career'));
  });

  it('is stable: the cached answer equals the first one', () => {
    const first = stem('presentations');
    expect(stem('presentations')).toBe(first);
  });

  it('keeps working after many distinct words have been stemmed', () => {
    const reference = stem('responsibilities');
    for (let i = 0; i < 60_000; i++) stem(`zq${i.toString(36)}ings`);
    expect(stem('responsibilities')).toBe(reference);
    // A word first seen after the cache is full is still stemmed correctly.
    expect(stem('negotiations')).toBe(stem('negotiation'));
    expect(stem('zqnewwordings')).toBe('zqnewword');
  });
});
