// What works at every step of every flow: help, cancel, start over, back, a question about the
// role, another flow, and replies the step cannot understand.
import { describe, expect, it } from 'vitest';
import { chat, fixedPart, knowledge } from '../support/dialogs';

const { kb, faq } = knowledge();
const copy = kb.flows.copy;

/** Each flow, started, with a reply that moves it one step on and the prompt of each step. */
const flows = [
  {
    name: kb.flows.careerPath.name,
    start: 'walk me through the career path',
    first: kb.flows.careerPath.askStage,
    reply: 'Mid',
    second: kb.ladder.stages[1].titles[0],
  },
  {
    name: kb.flows.skillsCheck.name,
    start: 'check my skills',
    first: kb.skills.categories[0].summary,
    reply: '3',
    second: kb.skills.categories[1].summary,
  },
  {
    name: kb.flows.salaryEstimate.name,
    start: 'estimate my salary',
    first: kb.flows.salaryEstimate.askLevel,
    reply: 'Senior',
    second: fixedPart(kb.flows.salaryEstimate.askMarket),
  },
  {
    name: kb.flows.breakingIn.name,
    start: 'help me break in',
    first: kb.flows.breakingIn.askDegree,
    reply: 'no degree',
    second: kb.flows.breakingIn.askInternship,
  },
];

describe.each(flows)('interruptions in $name', (flow) => {
  it('"help" says what can be said here and asks the same step again', async () => {
    const c = chat();
    await c.say(flow.start);
    const t = await c.say('help');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(fixedPart(copy.help));
    expect(t.all).toContain(flow.name);
    expect(t.all).toContain(flow.first);
    expect((await c.say(flow.reply)).all).toContain(flow.second);
  });

  it('"cancel" ends the flow and says so', async () => {
    const c = chat();
    await c.say(flow.start);
    await c.say(flow.reply);
    const t = await c.say('cancel');
    expect(t.all).toContain(fixedPart(copy.cancelled));
    expect(t.all).toContain(flow.name);
    const next = await c.say(flow.reply);
    expect(next.all).not.toContain(flow.second);
  });

  it('"back" returns to the previous step, and says so at the first', async () => {
    const c = chat();
    await c.say(flow.start);
    let t = await c.say('back');
    expect(t.all).toContain(copy.atFirstStep);
    await c.say(flow.reply);
    t = await c.say('go back');
    expect(t.all).toContain(flow.first);
    expect((await c.say(flow.reply)).all).toContain(flow.second);
  });

  it('"start over" goes back to the beginning', async () => {
    const c = chat();
    await c.say(flow.start);
    await c.say(flow.reply);
    const t = await c.say('start over');
    expect(t.all).toContain(fixedPart(copy.startingOver));
    expect(t.all).toContain(flow.first);
  });

  it('answers a question about the role mid-flow, then asks the step again', async () => {
    const c = chat();
    await c.say(flow.start);
    const question = 'wait, do they get bonuses?';
    const t = await c.say(question);
    const expected = faq.ask(question);
    expect(expected.kind).toBe('answer');
    expect(t.trace?.kind).toBe('answer');
    expect(t.trace?.top[0].id).toBe(expected.answer!.id);
    expect(t.texts[0]).toBe(expected.answer!.text);
    expect(t.all).toContain(copy.backTo);
    expect(t.all).toContain(flow.first);
    expect((await c.say(flow.reply)).all).toContain(flow.second);
  });

  it('re-asks a reply it cannot understand with a hint, then ends gracefully with a way back in', async () => {
    const c = chat();
    await c.say(flow.start);
    const prompts: string[] = [];
    for (let i = 0; i < 3; i++) prompts.push((await c.say('qwertyuiop')).all);
    expect(prompts[0]).toContain(fixedPart(copy.retry));
    expect(prompts[0]).toContain(flow.first);
    expect(prompts[2]).toContain(fixedPart(copy.gaveUp));
    const next = await c.say('qwertyuiop');
    expect(next.trace?.kind).not.toBe('dialog');
  });
});

describe('between flows', () => {
  it('switches to another flow asked for in the middle of one', async () => {
    const c = chat();
    await c.say('walk me through the career path');
    const t = await c.say('actually, estimate my salary');
    expect(t.all).toContain(kb.flows.salaryEstimate.askLevel);
  });

  it('"cancel" with no flow in progress says so and offers the flows', async () => {
    const c = chat();
    const t = await c.say('cancel');
    expect(t.all).toContain(copy.noFlow);
    expect(t.buttons).toEqual([
      kb.flows.careerPath.button,
      kb.flows.skillsCheck.button,
      kb.flows.salaryEstimate.button,
      kb.flows.breakingIn.button,
    ]);
  });

  it('a plain question never starts a flow', async () => {
    const c = chat();
    for (const q of [
      'what is the career path?',
      'how do I break into account management?',
      'what skills do I need?',
      'how much do account managers make?',
    ]) {
      const t = await c.say(q);
      expect(t.trace?.kind, q).toBe('answer');
    }
  });
});

describe('buttons', () => {
  /** A flow's first steps, each reached by the reply before it. */
  const paths: string[][] = [
    ['walk me through the career path', 'Mid'],
    ['check my skills', '3'],
    ['estimate my salary', 'Senior', 'no'],
    ['help me break in', 'no degree', 'no', 'not much yet'],
  ];

  it.each(paths)('every button of every step is read as the answer to that step, never as a question (%s)', async (...path) => {
    for (let depth = 1; depth <= path.length; depth++) {
      const probe = chat();
      let shown = { buttons: [] as string[] };
      for (const reply of path.slice(0, depth)) shown = await probe.say(reply);
      for (const button of shown.buttons) {
        const c = chat();
        for (const reply of path.slice(0, depth)) await c.say(reply);
        const t = await c.say(button);
        expect(t.trace?.kind, `${path.slice(0, depth).join(' > ')} > ${button}`).toBe('dialog');
        expect(t.all, button).not.toContain(fixedPart(copy.retry));
      }
    }
  });
});
