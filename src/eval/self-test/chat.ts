// Chat forms: lower case, no punctuation, shorthand for common words ("you" -> "u"), and now and
// then a tail ("lol", "or nah", "$$$" after a money question), the way people type in a chat box.
import type { SelfTestData } from '../../knowledge/self-test-schema';
import { pick } from '../../lib/prng';
import type { Rng } from './random';
import { containsWord, wordPattern } from './words';

export type ChatForms = SelfTestData['chat'];

/** How often each shorthand the question allows is used, and how often a tail is added. */
const SHORTHAND_RATE = 0.7;
const TAIL_RATE = 0.5;
const MONEY_TAIL_RATE = 0.5;

/** The question as typed in a chat; always different from the question itself. */
export function toChatForm(rng: Rng, question: string, chat: ChatForms): string {
  let text = question.toLowerCase();
  for (const [word, short] of Object.entries(chat.words)) {
    if (containsWord(text, word) && rng() < SHORTHAND_RATE) text = text.replace(wordPattern(word), short);
  }
  text = text
    .replace(/[^\w\s$-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const firstWord = text.split(' ')[0];
  const tails = chat.tails.filter((t) => !t.after || t.after.includes(firstWord));
  const endings: string[] = [];
  if (chat.moneyWords.some((w) => containsWord(text, w)) && rng() < MONEY_TAIL_RATE) endings.push(chat.moneyTail);
  if (rng() < TAIL_RATE) endings.push(pick(rng, tails).text);
  if (text === question && endings.length === 0) endings.push(chat.tails.find((t) => !t.after)?.text ?? chat.moneyTail);
  return [text, ...endings].join(' ');
}
