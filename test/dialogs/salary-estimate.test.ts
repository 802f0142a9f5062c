// The salary estimate: level or years, major market or not, and the range from the salary data.
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/knowledge/templates';
import { chat, fixedPart, knowledge } from '../support/dialogs';

const { kb } = knowledge();
const copy = kb.flows.salaryEstimate;
const band = (id: string) => kb.salary.bands.find((b) => b.id === id)!;
const premium = kb.salary.majorMarkets.premiumPercent;
const major = (id: string) =>
  `${formatMoney(Math.round(band(id).min * (1 + premium.min / 100)))}–${formatMoney(Math.round(band(id).max * (1 + premium.max / 100)))}`;
const base = (id: string) => `${formatMoney(band(id).min)}–${formatMoney(band(id).max)}`;

describe('salary estimate', () => {
  it('asks for the level, then the market, and gives the range with the major-market premium and bonuses', async () => {
    const c = chat();
    let t = await c.say('estimate my salary');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(copy.askLevel);
    expect(t.buttons).toEqual(kb.salary.bands.map((b) => b.label));
    t = await c.say('about 4 years');
    expect(t.all).toContain(fixedPart(copy.askMarket));
    t = await c.say('NYC');
    expect(t.all).toContain(band('mid').label);
    expect(t.all).toContain(major('mid'));
    expect(t.all).toContain(base('mid'));
    for (const driver of kb.salary.bonuses.tiedTo) expect(t.all).toContain(driver);
    expect(t.buttons).toEqual(Object.values(copy.afterChoices));
  });

  it('gives the base range outside the major markets and mentions what the premium would be', async () => {
    const c = chat();
    await c.say('salary calculator');
    await c.say('Senior');
    const t = await c.say('no, a small town');
    expect(t.all).toContain(copy.whereOther);
    expect(t.all).toContain(base('senior'));
    expect(t.all).toContain(major('senior'));
  });

  it('takes the level and the market from the request itself', async () => {
    const c = chat();
    const t = await c.say('estimate my salary as a senior account manager in San Francisco');
    expect(t.all).toContain(major('senior'));
  });

  it('answers "and for directors?" and "what about outside a big city" at the result with a new estimate', async () => {
    const c = chat();
    await c.say('estimate my pay');
    await c.say('junior');
    await c.say('yes');
    let t = await c.say('and for directors?');
    expect(t.all).toContain(band('director').label);
    expect(t.all).toContain(copy.openEndedNote);
    t = await c.say('Another estimate');
    expect(t.all).toContain(copy.askLevel);
  });

  it('re-estimates at the result when a place is named on its own ("LA"), and does not take "not sure" as a market', async () => {
    const c = chat();
    await c.say('estimate my salary');
    await c.say('Mid-level');
    await c.say('no');
    let t = await c.say('LA');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(major('mid'));
    // The flow is over at its result: a reply it does not cover is answered as any message is.
    t = await c.say('I am not sure');
    expect(t.trace?.kind).not.toBe('dialog');
    expect(t.all).not.toContain(fixedPart(kb.flows.copy.retry));
    expect(t.all).not.toContain(major('mid'));
  });

  it('is over once it shows the estimate: the next unrelated question is answered plainly', async () => {
    const c = chat();
    await c.say('estimate my salary');
    await c.say('senior');
    const result = await c.say('no');
    expect(result.buttons).toEqual(Object.values(copy.afterChoices));
    const t = await c.say('what degree do I need?');
    expect(t.trace?.kind).toBe('answer');
    expect(t.all).not.toContain(kb.flows.copy.backTo);
    expect(t.all).not.toContain(fixedPart(kb.flows.copy.retry));
    // The flow no longer reads replies: "yes" is not taken as a major market.
    const after = await c.say('yes');
    expect(after.all).not.toContain(major('senior'));
  });

  it('re-sets a remembered level from years given at the market question, and the estimate follows', async () => {
    const c = chat();
    await c.say('walk me through the career path');
    await c.say('I am a senior account manager');
    await c.say('Done');
    let t = await c.say('estimate my salary');
    expect(t.all).toContain(fixedPart(copy.rememberedLevel));
    expect(t.all).toContain(band('senior').label);
    t = await c.say('4 years');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(fixedPart(copy.notedLevel));
    expect(t.all).toContain(band('mid').label);
    t = await c.say('NYC');
    expect(t.all).toContain(major('mid'));
    expect(t.all).not.toContain(major('senior'));
  });

  it('keeps a market named before the level', async () => {
    const c = chat();
    await c.say('estimate my salary');
    let t = await c.say('NYC');
    expect(t.all).toContain(fixedPart(copy.notedMarket));
    expect(t.all).toContain(copy.askLevel);
    t = await c.say('mid level');
    expect(t.all).toContain(major('mid'));
  });
});
