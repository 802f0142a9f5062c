// Slack shows no buttons (render/channel.ts turns them into numbered lines), so a person answers
// "2" or "2." for the second option offered: the options last offered in each conversation are
// remembered, for a bounded number of conversations. Options that are numbers themselves (a
// rating's 1-5) are answered as typed: "4" is the rating 4, and "6" is not the sixth option.
import { BoundedCache } from '../lib/bounded-cache';
import { numbersPickOptions } from '../render/channel';

/** Conversations whose offered options are remembered. */
const OPTIONS_KEPT = 10_000;

export class NumberedChoices {
  private readonly offered = new BoundedCache<string[]>(OPTIONS_KEPT);

  /** The options a message just offered in the conversation `key`; none leaves the last ones. */
  remember(key: string, options: readonly string[]): void {
    if (options.length) this.offered.set(key, [...options]);
  }

  /** The option a reply's number picks ("2" or "2."), or the reply itself. */
  pick(key: string, text: string): string {
    const options = this.offered.get(key) ?? [];
    if (!numbersPickOptions(options)) return text;
    const n = /^(\d{1,2})\.?$/.exec(text);
    return n && Number(n[1]) >= 1 && Number(n[1]) <= options.length ? options[Number(n[1]) - 1] : text;
  }
}
