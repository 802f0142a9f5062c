import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGLISH, loadEnglish } from '../../src/search/english';
import { isStopWord } from '../../src/search/tokenize';
import { questionType } from '../../src/search/question-type';
import { isAsking } from '../../src/search/focus';

describe('the English-language rules (resources/language/english.yaml)', () => {
  it('are read into the lists and patterns the matcher uses', () => {
    expect(questionType('how much do account managers make')).toBe('amount');
    expect(questionType('so is it a good career')).toBe('yesno');
    expect(isAsking("I'd like to know what they earn.")).toBe(true);
    expect(ENGLISH.stopWords.length).toBeGreaterThan(100);
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('salary')).toBe(false);
    expect(ENGLISH.leadingFillers).toContain('i would like to');
  });

  it('refuse a file whose list is not lower-case words', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'english-'));
    const file = path.join(dir, 'english.yaml');
    const good = {
      stopWords: 'a the',
      afterMainDo: ['day'],
      relativeAntecedents: ['someone'],
      smalltalkDecoration: ['so'],
      traitWords: ['good'],
      titleHeads: ['manager'],
      ofTitleHeads: ['vp'],
      levelWords: ['senior'],
      notFields: ['general'],
      relationWords: ['same'],
      comparedWith: ['vs'],
      possessives: ['my'],
      jobWords: ['job'],
      hedges: ['in general'],
      leadingFillers: ['ok'],
      trailingFillers: ['please'],
      questionTypes: [{ type: 'what', words: ['what'] }],
      yesNo: { openers: ['so'], verbs: ['is'] },
      askingStarts: ['what'],
      sentenceOpeners: ['so'],
      digitPhrases: [{ phrases: ['24 7'], words: 'all hours' }],
    };
    writeFileSync(file, JSON.stringify(good));
    expect(loadEnglish(file).stopWords).toEqual(['a', 'the']);
    writeFileSync(file, JSON.stringify({ ...good, traitWords: ['Good!'] }));
    expect(() => loadEnglish(file)).toThrow(/lower-case words/);
    writeFileSync(file, JSON.stringify({ ...good, digitPhrases: [{ phrases: ['24/7'], words: 'all hours' }] }));
    expect(() => loadEnglish(file)).toThrow(/digitPhrases/);
  });
});
