import { describe, expect, it } from 'vitest';
import { NumberedChoices } from '../../src/channels/slack';

describe("Slack's numbered replies", () => {
  it('reads a number as the option offered last in that conversation', () => {
    const choices = new NumberedChoices();
    choices.remember('slack/a', ['Check my skills', 'Estimate my salary']);
    choices.remember('slack/b', ['Help']);
    expect(choices.pick('slack/a', '2')).toBe('Estimate my salary');
    expect(choices.pick('slack/a', '1.')).toBe('Check my skills');
    expect(choices.pick('slack/b', '1')).toBe('Help');
  });

  it('leaves anything else as typed: no options, out of range, not a bare number', () => {
    const choices = new NumberedChoices();
    expect(choices.pick('slack/a', '1')).toBe('1');
    choices.remember('slack/a', ['Help']);
    expect(choices.pick('slack/a', '3')).toBe('3');
    expect(choices.pick('slack/a', '0')).toBe('0');
    expect(choices.pick('slack/a', '1 please')).toBe('1 please');
    // A message that offers nothing keeps the last options.
    choices.remember('slack/a', []);
    expect(choices.pick('slack/a', '1')).toBe('Help');
  });

  it('leaves a number as typed when the options are numbers themselves (a rating)', () => {
    const choices = new NumberedChoices();
    choices.remember('slack/a', ['1', '2', '3', '4', '5', 'Skip']);
    for (const typed of ['4', '6', '6.']) expect(choices.pick('slack/a', typed)).toBe(typed);
    expect(choices.pick('slack/a', 'skip')).toBe('skip');
  });
});
