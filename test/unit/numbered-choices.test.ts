import { describe, expect, it } from 'vitest';
import { NumberedChoices } from '../../src/channels/slack';
import { MemoryNotes } from '../../src/storage/notes';

describe("Slack's numbered replies", () => {
  it('reads a number as the option offered last in that conversation', async () => {
    const choices = new NumberedChoices();
    await choices.remember('slack/a', ['Check my skills', 'Estimate my salary']);
    await choices.remember('slack/b', ['Help']);
    expect(await choices.pick('slack/a', '2')).toBe('Estimate my salary');
    expect(await choices.pick('slack/a', '1.')).toBe('Check my skills');
    expect(await choices.pick('slack/b', '1')).toBe('Help');
  });

  it('leaves anything else as typed: no options, out of range, not a bare number', async () => {
    const choices = new NumberedChoices();
    expect(await choices.pick('slack/a', '1')).toBe('1');
    await choices.remember('slack/a', ['Help']);
    expect(await choices.pick('slack/a', '3')).toBe('3');
    expect(await choices.pick('slack/a', '0')).toBe('0');
    expect(await choices.pick('slack/a', '1 please')).toBe('1 please');
    // A message that offers nothing keeps the last options.
    await choices.remember('slack/a', []);
    expect(await choices.pick('slack/a', '1')).toBe('Help');
  });

  it('leaves a number as typed when the options are numbers themselves (a rating)', async () => {
    const choices = new NumberedChoices();
    await choices.remember('slack/a', ['1', '2', '3', '4', '5', 'Skip']);
    for (const typed of ['4', '6', '6.']) expect(await choices.pick('slack/a', typed)).toBe(typed);
    expect(await choices.pick('slack/a', 'skip')).toBe('skip');
  });
});

describe('a note that is not a list of options', () => {
  it('picks nothing from it', async () => {
    const notes = new MemoryNotes();
    const choices = new NumberedChoices(notes);
    for (const note of ['{broken', '{"a":1}', '[1,2]']) {
      await notes.set('slack/a', note);
      expect(await choices.pick('slack/a', '1')).toBe('1');
    }
  });
});
