// adaptForChannel, the last step before a reply leaves: one answer and one prompt shaped for each
// kind of client, without a server (the protocol tests check the same over HTTP).
import { describe, expect, it } from 'vitest';
import { adaptForChannel, offeredOptions, toSlackMarkdown, type OutgoingActivity } from '../../src/render/channel';
import { spokenText } from '../../src/render/speech';

const buttons = (...titles: string[]) => ({ actions: titles.map((title) => ({ type: 'imBack', title, value: title })) });

const answer = (): OutgoingActivity => ({
  type: 'message',
  text: 'Account managers look after **clients**. See [the guide](https://example.com/guide).',
  textFormat: 'markdown',
  answerTitle: 'What an account manager does',
  suggestedActions: buttons('Skills', 'Salary', 'Career path', 'Reports to'),
});

const prompt = (): OutgoingActivity => ({
  type: 'message',
  text: 'Which stage are you at?',
  textFormat: 'markdown',
  suggestedActions: buttons('Entry', 'Mid', 'Senior', 'Leadership'),
});

const cardOf = (activity: OutgoingActivity) => activity.attachments?.find((a) => a.content?.type === 'AdaptiveCard');

describe('adaptForChannel', () => {
  it('puts an answer in a card with its title on Web Chat, the buttons staying suggested actions', () => {
    const out = adaptForChannel(answer(), { channelId: 'webchat' });
    expect(out.text).toBeUndefined();
    expect(out.answerTitle).toBeUndefined();
    expect(JSON.stringify(cardOf(out))).toContain('What an account manager does');
    expect(cardOf(out)?.content.fallbackText).toContain('look after');
    expect(offeredOptions(out)).toEqual(['Skills', 'Salary', 'Career path', 'Reports to']);
  });

  it('gives a Web Chat answer card a spoken summary, so a screen reader hears the answer, not "1 attachment"', () => {
    const out = adaptForChannel(answer(), { channelId: 'webchat' });
    const spoken = 'What an account manager does. Account managers look after clients. See the guide.';
    expect(cardOf(out)?.content.speak).toBe(spoken);
    // Web Chat narrates a message by its text, or by this when it has none.
    expect((out.channelData as Record<string, unknown>)['webchat:fallback-text']).toBe(spoken);
  });

  it('narrates a message of cards only: its own text, when it has some, is what Web Chat reads', () => {
    const card = adaptForChannel(answer(), { channelId: 'webchat' }).attachments!;
    const cardsOnly = adaptForChannel({ type: 'message', attachments: card, channelData: { keep: 1 } }, { channelId: 'webchat' });
    expect(cardsOnly.channelData).toEqual({ keep: 1, 'webchat:fallback-text': card[0].content.speak });
    const withText = adaptForChannel({ type: 'message', text: 'Here it is.', attachments: card }, { channelId: 'webchat' });
    expect(withText.channelData).toBeUndefined();
  });

  it('keeps three of an answer’s follow-ups in a Teams personal chat', () => {
    const out = adaptForChannel(answer(), { channelId: 'msteams', conversationType: 'personal' });
    expect(cardOf(out)).toBeDefined();
    expect(offeredOptions(out)).toEqual(['Skills', 'Salary', 'Career path']);
  });

  it('moves a prompt’s four choices onto a card on Teams, where only three suggestions show', () => {
    const out = adaptForChannel(prompt(), { channelId: 'msteams', conversationType: 'personal' });
    expect(out.suggestedActions).toBeUndefined();
    const actions = cardOf(out)?.content.actions as { title: string; data: unknown }[];
    expect(actions.map((a) => a.title)).toEqual(['Entry', 'Mid', 'Senior', 'Leadership']);
    expect(actions[0].data).toEqual({ msteams: { type: 'imBack', value: 'Entry' } });
  });

  it('puts every button on the answer’s own card in a Teams channel', () => {
    const out = adaptForChannel(answer(), { channelId: 'msteams', conversationType: 'channel' });
    expect(out.suggestedActions).toBeUndefined();
    expect(out.attachments).toHaveLength(1);
    expect((cardOf(out)?.content.actions as unknown[]).length).toBe(4);
  });

  it('gives Slack mrkdwn with the buttons as numbered lines, and no card', () => {
    const out = adaptForChannel(answer(), { channelId: 'slack' });
    expect(out.attachments).toBeUndefined();
    expect(out.suggestedActions).toBeUndefined();
    expect(out.text).toBe(
      'Account managers look after *clients*. See <https://example.com/guide|the guide>.\n\n1. Skills\n2. Salary\n3. Career path\n4. Reports to',
    );
  });

  it('leaves markdown and suggested actions to the Emulator and other clients', () => {
    for (const channelId of ['emulator', 'console', 'skype']) {
      const out = adaptForChannel(answer(), { channelId });
      expect(out.text, channelId).toContain('**clients**');
      expect(out.attachments, channelId).toBeUndefined();
      expect(offeredOptions(out), channelId).toHaveLength(4);
    }
  });

  it('passes activities other than messages through untouched', () => {
    const typing = { type: 'typing', answerTitle: 'x' };
    expect(adaptForChannel(typing, { channelId: 'webchat' })).toBe(typing);
  });
});

describe('toSlackMarkdown', () => {
  it('converts bold, links and list dashes, and leaves other text alone', () => {
    expect(toSlackMarkdown('**Pay**\n- entry\n- senior [more](http://x.test/a)')).toBe('*Pay*\n• entry\n• senior <http://x.test/a|more>');
    expect(toSlackMarkdown('2 - 5 years, not a list; [no link](ftp://x)')).toBe('2 - 5 years, not a list; [no link](ftp://x)');
  });
});

describe('spokenText', () => {
  it('reads markdown as plain sentences: no marks, links as their text, each line or item ending with a stop', () => {
    expect(spokenText('**Pay**\n\n- *entry*: $40,000\n- senior [more](http://x.test/a)\n1. `code` and snake_case_word')).toBe(
      'Pay. entry: $40,000. senior more. code and snake_case_word.',
    );
    expect(spokenText('Done already!\n\n## Next?')).toBe('Done already! Next?');
    expect(spokenText('2 * 3 = 6, not emphasis')).toBe('2 * 3 = 6, not emphasis.');
  });
});
