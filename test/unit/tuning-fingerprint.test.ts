import { describe, expect, it } from 'vitest';
import { tuningFingerprint } from '../../src/eval/tune/fingerprint';
import { loadSelfTestData } from '../../src/eval/self-test/data';
import { loadKnowledge } from '../../src/knowledge/load';

describe('tuningFingerprint', () => {
  const kb = loadKnowledge();
  const selfTest = loadSelfTestData();

  it("changes with an entry's wording and with the self-test word lists, not with answers", () => {
    const base = tuningFingerprint(kb, selfTest);
    const edited = {
      ...kb,
      entries: kb.entries.map((e, i) => (i === 0 ? { ...e, alternates: [...e.alternates, 'a new way to ask'] } : e)),
    };
    expect(tuningFingerprint(edited, selfTest)).not.toBe(base);
    expect(tuningFingerprint(kb, { ...selfTest, general: [...selfTest.general, 'what is the capital of peru'] })).not.toBe(base);
    const reworded = { ...kb, entries: kb.entries.map((e, i) => (i === 0 ? { ...e, answer: `${e.answer} More.` } : e)) };
    expect(tuningFingerprint(reworded, selfTest)).toBe(base);
  });

  it('matches knowledge/tuning.yaml: the fitted parameters belong to this knowledge base (run npm run tune)', () => {
    expect(kb.tuning.fitted.knowledge).toBe(tuningFingerprint(kb, selfTest));
  });
});
