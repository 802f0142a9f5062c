// What `npm run chat` prints: the bot's markdown as plain text a terminal shows as written
// ("**Entry stage**" would print its asterisks), then the offered options. Pure: no botbuilder.
import { numbersPickOptions, offeredOptions, optionLines, type OutgoingActivity } from './channel';

export interface TerminalMessage {
  /** The text, then the options on their own lines. */
  text: string;
  /** The options offered, in order. */
  options: string[];
  /** Whether a typed number picks an option by its position (see numbersPickOptions). */
  numbered: boolean;
}

/** Where escaped ASCII marks are parked while the others are removed (Unicode's private use area). */
const ESCAPED = 0xe000;

/**
 * Markdown marks to plain text: **bold** and *emphasis* lose their marks, [text](url) becomes
 * "text (url)", `code` loses its backticks, a "# heading" its hashes. List marks ("- ", "1. ")
 * stay: they read well as they are; "* " and "+ " items become "- " ones.
 */
export function markdownToPlain(markdown: string): string {
  // Escaped marks (\*) are set aside as private-use characters, then put back as plain ones.
  const hide = (c: string) => String.fromCharCode(ESCAPED + c.charCodeAt(0));
  return (
    markdown
      .replace(/\\([\\`*_[\]()#+\-.!<>])/g, (_m, c: string) => hide(c))
      .replace(/\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_m, text: string, url: string) =>
        text === url ? url : `${text} (${url})`,
      )
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
      .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '$1')
      .replace(/__(\S(?:.*?\S)?)__/g, '$1')
      // Single marks only around words: "5 * 3" and a "* item" at a line's start are left alone.
      .replace(/(^|[^\w*])\*(\S(?:[^*\n]*?\S)?)\*(?!\w)/gm, '$1$2')
      .replace(/`([^`\n]+)`/g, '$1')
      .replace(/^(\s*)[*+] /gm, '$1- ')
      .replace(/^#{1,6}\s+/gm, '')
      .replace(/[\uE000-\uE07F]/g, (c) => String.fromCharCode(c.charCodeAt(0) - ESCAPED))
  );
}

/** What the terminal reads of an outgoing message (botbuilder's Partial<Activity> fits). */
type Printed = Pick<OutgoingActivity, 'text' | 'suggestedActions'> & { attachments?: { content?: Record<string, unknown> }[] };

/** One outgoing message as the terminal prints it. */
export function terminalMessage(activity: Printed): TerminalMessage {
  const options = offeredOptions(activity);
  const numbered = numbersPickOptions(options);
  // A card's fallback text stands in for the card, which a terminal cannot draw.
  const cardTexts = (activity.attachments ?? []).flatMap((a) =>
    typeof a.content?.fallbackText === 'string' ? [a.content.fallbackText] : [],
  );
  const lines = [[...cardTexts, activity.text ?? ''].filter(Boolean).map(markdownToPlain).join('\n\n')];
  lines.push(...optionLines(options).map((line) => `  ${line}`));
  return { text: lines.join('\n'), options, numbered };
}

/** What a typed line sends: the option its number picks, or the line itself. */
export function pickOption(typed: string, offered: Pick<TerminalMessage, 'options' | 'numbered'>): string {
  if (!offered.numbered || !/^\d{1,3}$/.test(typed)) return typed;
  const n = Number(typed);
  return n >= 1 && n <= offered.options.length ? offered.options[n - 1] : typed;
}
