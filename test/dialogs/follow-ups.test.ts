// Answers offer the matching flow as a button, and short follow-ups lean on the previous answer.
import { describe, expect, it } from 'vitest';
import { chat, knowledge } from '../support/dialogs';

const { kb, faq } = knowledge();

describe('follow-ups after an answer', () => {
  it('offers the flow that continues the topic as the first button', async () => {
    const c = chat();
    const cases: [string, string][] = [
      ['how much do account managers make?', kb.flows.salaryEstimate.button],
      ['what is the career path for account managers?', kb.flows.careerPath.button],
      ['what skills does an account manager need?', kb.flows.skillsCheck.button],
    ];
    for (const [q, button] of cases) {
      const t = await c.say(q);
      expect(t.trace?.kind, q).toBe('answer');
      expect(t.buttons[0], q).toBe(button);
      expect(faq.ask(q).answer!.followUps.map((f) => f.title)).toEqual(t.buttons.slice(1));
      expect(t.trace!.top[0].id).toBe(faq.ask(q).answer!.id);
    }
  });

  it('reads "and for seniors?" and "what about in NYC?" in the context of a salary answer', async () => {
    const c = chat();
    await c.say('how much do account managers earn?');
    let t = await c.say('and for seniors?');
    expect(t.trace?.kind).toBe('answer');
    expect(t.trace?.top[0].id).toBe('salary-senior');
    t = await c.say('what about in NYC?');
    expect(t.trace?.top[0].id).toBe('salary-major-markets');
  });

  it("never reads small talk or a full question in the previous answer's context", async () => {
    const c = chat();
    await c.say('how much do account managers earn?');
    let t = await c.say('thanks');
    expect(t.trace?.kind).toBe('smalltalk');
    t = await c.say('who do account managers report to?');
    expect(t.trace?.top[0].id).toBe('reports-to');
  });

  it('leaves a follow-up alone when there is no previous answer to lean on', async () => {
    const c = chat();
    const t = await c.say('and for seniors?');
    expect(t.trace?.top[0]?.id).not.toBe('salary-senior');
  });

  it('the button starts the flow', async () => {
    const c = chat();
    const answer = await c.say('what do account managers earn?');
    const t = await c.say(answer.buttons[0]);
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(kb.flows.salaryEstimate.askLevel);
  });
});
