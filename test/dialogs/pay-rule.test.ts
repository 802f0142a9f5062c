// One pay rule across flows: the salary table's years decide the pay band, so the salary estimate
// and the career walkthrough quote the same range for the same years, and the walkthrough says so
// where the ladder's stages and the salary table's bands meet.
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/knowledge/templates';
import { chat, knowledge } from '../support/dialogs';

const { kb } = knowledge();
const ranges = kb.salary.bands.map((b) => `${formatMoney(b.min)}–${formatMoney(b.max)}`);
/** The one band range a reply quotes (replies may quote others, e.g. the premium's, so count the bands'). */
const quotedBand = (text: string) => {
  const quoted = ranges.filter((r) => text.includes(r));
  expect(quoted, text).toHaveLength(1);
  return quoted[0];
};

/** The longest piece of the boundary note between its placeholders. */
const boundaryNote = kb.flows.careerPath.boundaryPay
  .split(/\{[a-z]+\}/)
  .sort((a, b) => b.length - a.length)[0]
  .trim();

async function estimate(years: number): Promise<string> {
  const c = chat();
  await c.say('estimate my salary');
  await c.say(`${years} years`);
  return quotedBand((await c.say('no, a small town')).all);
}

async function walkthrough(years: number): Promise<string> {
  const c = chat();
  await c.say('walk me through the career path');
  return (await c.say(`${years} years`)).all;
}

describe('one pay rule', () => {
  it('gives the same range for 1, 2, 4, 5, 7 and 8 years in the salary estimate and the career walkthrough', async () => {
    for (const years of [1, 2, 4, 5, 7, 8]) {
      const career = await walkthrough(years);
      expect(quotedBand(career), `${years} years`).toBe(await estimate(years));
    }
  });

  it('says where the ladder and the salary table meet that pay follows the salary table', async () => {
    const career = await walkthrough(5);
    expect(career).toContain(boundaryNote);
    const mid = kb.salary.bands.find((b) => b.id === 'mid')!;
    expect(career).toContain(`${formatMoney(mid.min)}–${formatMoney(mid.max)}`);
    expect(await walkthrough(4)).not.toContain(boundaryNote);
  });
});
