// The career path walkthrough, turn by turn, against the real knowledge base.
import { describe, expect, it } from 'vitest';
import { formatMoney, listInWords } from '../../src/knowledge/templates';
import { chat, fixedPart, knowledge } from '../support/dialogs';

const { kb } = knowledge();
const copy = kb.flows.careerPath;
const stages = kb.ladder.stages;
const bandOf = (stageId: string) => kb.salary.bands.find((b) => b.id === stages.find((s) => s.id === stageId)!.salaryBand)!;

describe('career path walkthrough', () => {
  it('starts from a plain request and asks where the person stands, with the stages as buttons', async () => {
    const c = chat();
    const t = await c.say('Walk me through the career path');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(copy.askStage);
    expect(t.buttons).toEqual([...stages.map((s) => s.level), copy.notInField]);
  });

  it('shows the stage a person names, with its titles, experience, pay and the next step', async () => {
    const c = chat();
    await c.say('walk me through the career path');
    const t = await c.say('I am a senior account manager');
    const senior = stages.find((s) => s.id === 'senior')!;
    const next = stages[stages.indexOf(senior) + 1];
    expect(t.trace?.kind).toBe('dialog');
    for (const title of senior.titles) expect(t.all).toContain(title);
    expect(t.all).toContain(formatMoney(bandOf('senior').min));
    for (const title of next.titles) expect(t.all).toContain(title);
    for (const step of senior.toNext) expect(t.all).toContain(step);
    expect(t.buttons).toEqual([copy.choices.next, copy.choices.previous, copy.choices.salary, copy.choices.skills, copy.choices.done]);
  });

  it('understands titles with typos, abbreviations and years of experience', async () => {
    const cases: [string, string][] = [
      ['senoir acount manger', 'senior'],
      ["I'm an AE", 'entry'],
      ['7 years in', 'senior'],
      ['VP of client services', 'leadership'],
    ];
    for (const [reply, stageId] of cases) {
      const c = chat();
      await c.say('walk me through the career path');
      const t = await c.say(reply);
      const stage = stages.find((s) => s.id === stageId)!;
      expect(t.all, reply).toContain(stage.titles[0]);
    }
  });

  it('reads "the account manager career path" as the topic, not as the person’s title', async () => {
    for (const request of ['Walk me through the account manager career path', 'walk me through the AM career ladder']) {
      const t = await chat().say(request);
      expect(t.all, request).toContain(copy.askStage);
    }
    // The field's name as someone's own title, or another title beside the topic, still places them.
    const mine = await chat().say("I'm an account manager, walk me through the career path");
    expect(mine.all).toContain(stages.find((s) => s.id === 'mid')!.titles[0]);
    const ae = await chat().say('walk me through the account management career path, I am an AE');
    expect(ae.all).toContain(stages.find((s) => s.id === 'entry')!.titles[0]);
    expect(ae.all).not.toContain(copy.askStage);
  });

  it('skips the question when the request already says where the person stands', async () => {
    const c = chat();
    const t = await c.say("I'm an AE with 3 years, what's my next step?");
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).not.toContain(copy.askStage);
    expect(t.all).toContain(stages[0].titles[0]);
    expect(t.all).toContain(stages[1].titles[0]); // the next step
  });

  it('walks the ladder up to the top and back down, one stage at a time', async () => {
    const c = chat();
    await c.say('walk me through the career path');
    let t = await c.say(stages[0].level);
    expect(t.buttons).not.toContain(copy.choices.previous);
    for (const stage of stages.slice(1)) {
      t = await c.say(copy.choices.next);
      expect(t.all).toContain(stage.titles[0]);
    }
    expect(t.all).toContain(copy.topHeading);
    expect(t.buttons).not.toContain(copy.choices.next);
    t = await c.say('next stage');
    expect(t.all).toContain(copy.noHigher);
    t = await c.say(copy.choices.previous);
    expect(t.all).toContain(`**${fixedPart(copy.nextHeading)}`);
    expect(t.all).toContain(stages[stages.length - 2].titles[0]);
  });

  it('offers the breaking-in plan to someone not in the field yet', async () => {
    const c = chat();
    await c.say('walk me through the career path');
    const t = await c.say("I'm a student");
    expect(t.all).toContain(copy.notInFieldReply);
    expect(t.buttons).toContain(kb.flows.breakingIn.button);
    const plan = await c.say(kb.flows.breakingIn.button);
    expect(plan.all).toContain(kb.flows.breakingIn.askDegree);
  });

  it('moves on to the salary estimate for the stage shown, and ends on "Done"', async () => {
    const c = chat();
    await c.say('walk me through the career path');
    await c.say('Mid');
    const t = await c.say(copy.choices.salary);
    // The level is known from the stage, so the estimate asks about the market next.
    expect(t.all).toContain(fixedPart(kb.flows.salaryEstimate.askMarket));
    await c.say('no');
    const done = await c.say('Done');
    expect(done.all).toContain(kb.flows.salaryEstimate.finished);
    const after = await c.say('how much do account managers earn');
    expect(after.trace?.kind).toBe('answer');
  });

  it('says what the pay range is in the walkthrough from the salary data', async () => {
    const c = chat();
    await c.say('walk me through the career path');
    const t = await c.say('Leadership');
    const band = bandOf('leadership');
    expect(t.all).toContain(`${formatMoney(band.min)}–${formatMoney(band.max)}+`);
    expect(t.all).toContain(listInWords(stages[stages.length - 1].titles, 'or'));
  });
});
