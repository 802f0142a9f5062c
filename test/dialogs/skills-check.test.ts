// The skills check: five categories, self-ratings in numbers or words, and the summary.
import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../src/render/cards';
import { chat, fixedPart, knowledge } from '../support/dialogs';

const { kb } = knowledge();
const copy = kb.flows.skillsCheck;
const categories = kb.skills.categories;

/** A skills check on `channelId` rated 4, 2, 3, 5, 1: the turn that shows the summary. */
async function rateEveryCategory(channelId: string) {
  const c = chat({ channelId });
  await c.say('rate my skills');
  let t = await c.say('4');
  for (const reply of ['2', '3', '5', '1']) t = await c.say(reply);
  return t;
}

describe('skills check', () => {
  it('goes through every category with what it covers, then sums up strengths and areas to develop', async () => {
    const c = chat({ channelId: 'slack' });
    let t = await c.say('check my skills');
    expect(t.trace).toBeUndefined(); // traces are for the Emulator only
    expect(t.all).toContain(copy.intro);
    // Slack shows no buttons; a rating's options are listed as they are typed, not numbered.
    expect(t.buttons).toEqual([]);
    expect(t.all).toContain(`[1] [2] [3] [4] [5] [${copy.skip}]`);
    const replies = ['5', 'pretty good', 'not great', 'skip', '1'];
    for (const [i, category] of categories.entries()) {
      expect(t.all).toContain(category.name);
      expect(t.all).toContain(category.summary);
      t = await c.say(replies[i]);
    }
    // 5 and 4 are strengths; 1 (technical) is weaker than 2 (organization), so it comes first.
    expect(t.all).toContain(copy.summaryTitle);
    expect(t.all).toContain(`${categories[0].name} (5/5)`);
    expect(t.all).toContain(`${categories[1].name} (4/5)`);
    const developAt = (name: string) => t.all.indexOf(`*${name}* (`); // Slack bold
    expect(developAt(categories[4].name)).toBeGreaterThan(0);
    expect(developAt(categories[4].name)).toBeLessThan(developAt(categories[2].name));
    for (const tip of categories[4].develop) expect(t.all).toContain(tip);
    expect(t.all).toContain(categories[3].name); // named as skipped
    expect(t.attachments).toHaveLength(0); // no cards on Slack
    expect(t.all).toContain(`1. ${copy.afterChoices.careerPath}\n2. ${copy.afterChoices.salary}\n3. ${copy.afterChoices.done}`);
    // ... answered by number.
    const next = await c.say('2');
    expect(next.all).toContain(kb.flows.salaryEstimate.askLevel.split(' ')[0]);
  });

  it('shows the summary as an Adaptive Card where the channel draws cards', async () => {
    const t = await rateEveryCategory('webchat');
    expect(t.attachments).toHaveLength(1);
    const card = t.attachments[0];
    expect(card.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(card.content.type).toBe('AdaptiveCard');
    const texts = JSON.stringify(card.content.body);
    expect(texts).toContain(copy.summaryTitle);
    expect(texts).toContain(categories[4].develop[0]);
    expect(card.content.fallbackText).toContain(copy.summaryTitle);
    // What a screen reader hears: the summary as plain sentences, no markdown marks.
    expect(card.content.speak).toContain(copy.summaryTitle);
    expect(card.content.speak).toContain(categories[4].develop[0]);
    expect(card.content.speak).not.toMatch(/\*\*|^- /m);
    expect(t.buttons).toContain(copy.afterChoices.salary);
  });

  it('sends the summary as text where answers are text too (the Emulator)', async () => {
    const t = await rateEveryCategory('emulator');
    expect(t.attachments).toHaveLength(0);
    expect(t.all).toContain(copy.summaryTitle);
    expect(t.all).toContain(categories[4].develop[0]);
  });

  it('asks again with a hint when a rating is not understood, and stops after a few tries', async () => {
    const c = chat();
    await c.say('skills check');
    let t = await c.say('banana');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(copy.hint);
    expect(t.all).toContain(categories[0].name);
    t = await c.say('purple');
    expect(t.all).toContain(copy.hint);
    t = await c.say('zzz');
    expect(t.all).toContain(fixedPart(kb.flows.copy.gaveUp));
    expect(t.buttons).toEqual([copy.button]);
    // The flow is over: the next message is an ordinary question again.
    t = await c.say('what skills does an account manager need?');
    expect(t.trace?.kind).not.toBe('dialog');
  });

  it('starts again from the button after giving up', async () => {
    const c = chat();
    await c.say('skills check');
    for (const x of ['a', 'b', 'c']) await c.say(x);
    const t = await c.say(copy.button);
    expect(t.all).toContain(copy.intro);
  });
});
