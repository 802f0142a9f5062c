import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load';
import { FaqService } from '../../src/faq/service';

const kb = loadKnowledge();
const faq = new FaqService(kb, { cacheSize: 0 });
const answerOf = (q: string) => faq.ask(q).answer?.text ?? '';

describe('a level asked about in a major market', () => {
  it('is answered with that level’s range there, as the salary estimate computes it', () => {
    const senior = answerOf('how much do senior account managers make in NYC?');
    expect(senior).toContain('$86,250–$118,750');
    expect(senior).toContain('$75,000–$95,000');
    expect(answerOf('what would an entry-level AM make in San Francisco?')).toContain('$51,750–$68,750');
  });

  it('reads the level from years when the major-market entry answers', () => {
    const decision = faq.ask('salary for 4 years experience in los angeles');
    expect(decision.answer?.text).toContain('$63,250–$93,750');
  });

  it('follows salary.yaml, not fixed figures', () => {
    const changed = structuredClone(kb);
    changed.salary.majorMarkets.premiumPercent = { min: 10, max: 20 };
    const text = new FaqService(changed, { cacheSize: 0 }).ask('how much do senior account managers make in NYC?').answer?.text;
    expect(text).toContain('$82,500–$114,000');
  });

  it('leaves answers without a major market, or without a level, as written', () => {
    const national = faq.ask('what does a senior account manager make');
    expect(national.answer?.text).toBe(kb.entries.find((e) => e.id === national.answer?.id)?.answer);
    const marketOnly = faq.ask('how much do account managers make in new york');
    expect(marketOnly.answer?.text).toBe(kb.entries.find((e) => e.id === marketOnly.answer?.id)?.answer);
  });
});
