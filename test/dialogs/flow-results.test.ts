// Every flow is over once it shows its result: the next unrelated question gets the bot's plain
// answer, with no "Back to where we were" and no retry, and the flow reads no further replies.
import { describe, expect, it } from 'vitest';
import { chat, fixedPart, knowledge } from '../support/dialogs';

const { kb } = knowledge();
const backTo = kb.flows.copy.backTo;
const retry = fixedPart(kb.flows.copy.retry);

const toResult: Record<string, string[]> = {
  'skills check': ['check my skills', '4', '4', '3', '5', '2'],
  'breaking-in plan': ['help me break in', 'yes', 'no', 'no'],
  'career walkthrough': ['walk me through the career path', 'Senior'],
};

describe('a flow at its result', () => {
  it.each(Object.entries(toResult))('%s: answers the next unrelated question plainly and ends', async (_name, replies) => {
    const c = chat();
    for (const reply of replies) await c.say(reply);
    const t = await c.say('who does an account manager report to?');
    expect(t.trace?.kind).toBe('answer');
    expect(t.all).not.toContain(backTo);
    expect(t.all).not.toContain(retry);
    const unknown = await c.say('zzqx blorp');
    expect(unknown.trace?.kind).toBe('fallback');
    expect(unknown.all).not.toContain(retry);
  });
});
