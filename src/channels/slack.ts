// Slack shows no buttons (render/channel.ts turns them into numbered lines), so a person answers
// "2" or "2." for the second option offered: the options last offered in each conversation are
// kept as a note (in memory, or in Redis when instances share one). Options that are numbers
// themselves (a rating's 1-5) are answered as typed: "4" is the rating 4, and "6" is not the sixth.
import { numbersPickOptions } from '../render/channel';
import { MemoryNotes, type Notes } from '../storage/notes';

export class NumberedChoices {
  constructor(private readonly offered: Notes = new MemoryNotes()) {}

  /** The options a message just offered in the conversation `key`; none leaves the last ones. */
  async remember(key: string, options: readonly string[]): Promise<void> {
    if (options.length) await this.offered.set(key, JSON.stringify(options));
  }

  /** The option a reply's number picks ("2" or "2."), or the reply itself. */
  async pick(key: string, text: string): Promise<string> {
    const n = /^(\d{1,2})\.?$/.exec(text);
    // Only a number costs a look at the note (in Redis, a round trip).
    if (!n) return text;
    const options = parseOptions(await this.offered.get(key));
    if (!numbersPickOptions(options)) return text;
    return Number(n[1]) >= 1 && Number(n[1]) <= options.length ? options[Number(n[1]) - 1] : text;
  }
}

function parseOptions(note: string | undefined): string[] {
  if (!note) return [];
  try {
    const options: unknown = JSON.parse(note);
    return Array.isArray(options) && options.every((o) => typeof o === 'string') ? options : [];
  } catch {
    return [];
  }
}
