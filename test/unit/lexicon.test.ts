import { describe, expect, it } from 'vitest';
import { loadWordList, SortedWordList } from '../../src/search/lexicon';

describe('SortedWordList', () => {
  const list = new SortedWordList('apple\nbanana\ncherry\n');

  it('finds every listed word, first, middle and last', () => {
    for (const word of ['apple', 'banana', 'cherry']) expect(list.has(word), word).toBe(true);
  });

  it('rejects words that are not listed, including prefixes and neighbours', () => {
    for (const word of ['', 'app', 'apples', 'b', 'blueberry', 'cherries', 'zebra', 'aardvark']) expect(list.has(word), word).toBe(false);
  });

  it('works without a final newline and with a single word', () => {
    expect(new SortedWordList('one\ntwo').has('two')).toBe(true);
    expect(new SortedWordList('solo').has('solo')).toBe(true);
  });
});

describe('the generated lexicon', () => {
  it('knows everyday English words and irregular forms, not typos', () => {
    const english = loadWordList('english-words');
    for (const word of ['grade', 'routine', 'salary', 'took', 'made']) expect(english.has(word), word).toBe(true);
    for (const word of ['acount', 'salery', 'frist']) expect(english.has(word), word).toBe(false);
  });

  it('lists occupations as person nouns, but not proper names or words mostly used otherwise', () => {
    const people = loadWordList('person-nouns');
    for (const word of ['nurse', 'paralegal', 'hygienist', 'ceo']) expect(people.has(word), word).toBe(true);
    // A capitalized name as the first sense (the physicist Teller) is passed over.
    for (const word of ['teller', 'barber', 'usher']) expect(people.has(word), word).toBe(true);
    for (const word of ['handel', 'front', 'salary']) expect(people.has(word), word).toBe(false);
    // Mostly adjectives, whatever their noun senses ("in broad strokes", "in general"); mostly verbs may stay.
    for (const word of ['broad', 'general', 'major', 'senior']) expect(people.has(word), word).toBe(false);
    for (const word of ['cook', 'judge', 'pilot']) expect(people.has(word), word).toBe(true);
  });
});
