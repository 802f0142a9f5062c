// A fingerprint of what `npm run tune` learns from: the entries' wording and the self-test word
// lists. tuning.yaml records it, so `npm run kb:check` can say when the fitted parameters are older
// than the knowledge base they were fitted on.
import { createHash } from 'node:crypto';
import type { KnowledgeBase } from '../../knowledge/load';
import type { SelfTestData } from '../../knowledge/self-test-schema';

export function tuningFingerprint(kb: KnowledgeBase, selfTest: SelfTestData): string {
  const entries = kb.entries.map((e) => [e.id, e.title, e.question, e.alternates, e.keywords, e.counterexamples, e.followUps]);
  // Which entry answers major-market questions shapes an answer's text, not what the matcher learns.
  const salary = { ...kb.salary, majorMarkets: { ...kb.salary.majorMarkets, entry: undefined } };
  const words = [kb.synonyms, kb.smalltalk, kb.outOfScope, salary, kb.ladder];
  return createHash('sha256')
    .update(JSON.stringify([entries, words, selfTest]))
    .digest('hex')
    .slice(0, 16);
}
