// What the terminal chat prints for a reply: markdown as plain text, and the offered options.
import { describe, expect, it } from 'vitest';
import { markdownToPlain, pickOption, terminalMessage } from '../../src/render/terminal';

describe('markdownToPlain', () => {
  it('drops bold, emphasis, code and heading marks', () => {
    expect(markdownToPlain('**Entry stage: Account Coordinator**')).toBe('Entry stage: Account Coordinator');
    expect(markdownToPlain('Say **back** or **start over**.')).toBe('Say back or start over.');
    expect(markdownToPlain('a *really* good __fit__, run `npm run chat`')).toBe('a really good fit, run npm run chat');
    expect(markdownToPlain('## Next step\ntext')).toBe('Next step\ntext');
  });

  it('writes a link as its text with the address after it', () => {
    expect(markdownToPlain('Apply [on our site](https://jobs.example.com/am?ref=chat).')).toBe(
      'Apply on our site (https://jobs.example.com/am?ref=chat).',
    );
    expect(markdownToPlain('[https://example.com](https://example.com)')).toBe('https://example.com');
    expect(markdownToPlain('see <https://example.com/a>')).toBe('see https://example.com/a');
  });

  it('keeps list marks readable and leaves plain asterisks alone', () => {
    expect(markdownToPlain('What it takes:\n- Learn\n- **Write** reports\n* Own\n  + nested')).toBe(
      'What it takes:\n- Learn\n- Write reports\n- Own\n  - nested',
    );
    expect(markdownToPlain('1. First\n2. Second')).toBe('1. First\n2. Second');
    expect(markdownToPlain('5 * 3 = 15, and 2*x')).toBe('5 * 3 = 15, and 2*x');
    expect(markdownToPlain('costs \\*extra\\*')).toBe('costs *extra*');
  });
});

const offering = (text: string, titles: string[]) => ({
  text,
  suggestedActions: { actions: titles.map((title) => ({ type: 'imBack', title, value: title })) },
});

describe('terminalMessage and pickOption', () => {
  it('numbers the options, and a number picks one', () => {
    const shown = terminalMessage(offering('**Pick** one', ['Entry', 'Mid']));
    expect(shown.text).toBe('Pick one\n  1. Entry\n  2. Mid');
    expect(pickOption('2', shown)).toBe('Mid');
    expect(pickOption('3', shown)).toBe('3');
    expect(pickOption('mid', shown)).toBe('mid');
  });

  it('lists options that are numbers as they are typed, and sends a number as itself', () => {
    const shown = terminalMessage(offering('Rate yourself', ['1', '2', '3', '4', '5', 'Skip']));
    expect(shown.text).toBe('Rate yourself\n  [1] [2] [3] [4] [5] [Skip]');
    expect(shown.numbered).toBe(false);
    for (const typed of ['1', '4', '6', '0']) expect(pickOption(typed, shown)).toBe(typed);
  });

  it("prints a card's fallback text in place of the card", () => {
    const shown = terminalMessage({ attachments: [{ content: { type: 'AdaptiveCard', fallbackText: '**Your skills snapshot**' } }] });
    expect(shown.text).toBe('Your skills snapshot');
  });
});
