// The breaking-in plan: three questions, then advice that fits the answers.
import { describe, expect, it } from 'vitest';
import { chat, knowledge } from '../support/dialogs';

const { kb } = knowledge();
const copy = kb.flows.breakingIn;

describe('breaking-in plan', () => {
  it('asks about degree, internships and online presence, then gives the matching advice and where to look', async () => {
    const c = chat();
    let t = await c.say('help me break into account management');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(copy.askDegree);
    expect(t.buttons).toEqual(Object.values(copy.degreeChoices));
    t = await c.say('a BA in biology');
    expect(t.all).toContain(copy.askInternship);
    t = await c.say('not yet');
    expect(t.all).toContain(copy.askBrand);
    t = await c.say('not much yet');
    expect(t.all).toContain(copy.planHeading);
    expect(t.all).toContain(copy.advice.degree.other);
    expect(t.all).toContain(copy.advice.internship.no);
    expect(t.all).toContain(copy.advice.brand.none);
    expect(t.all).toContain(copy.jobSearch);
    expect(t.buttons).toEqual(Object.values(copy.afterChoices));
  });

  it('tailors the plan to a related degree, an internship and a strong profile', async () => {
    const c = chat();
    await c.say('make me a plan');
    await c.say('marketing degree');
    await c.say('yes, two internships');
    const t = await c.say('strong');
    expect(t.all).toContain(copy.advice.degree.related);
    expect(t.all).toContain(copy.advice.internship.yes);
    expect(t.all).toContain(copy.advice.brand.strong);
    expect(t.all).not.toContain(copy.advice.degree.other);
  });

  it('hands over to the skills check from the plan', async () => {
    const c = chat();
    await c.say('make me a plan');
    await c.say('still studying');
    await c.say('no');
    await c.say('could be better');
    const t = await c.say(copy.afterChoices.skills);
    expect(t.all).toContain(kb.flows.skillsCheck.intro);
  });
});
