// How the guided flows read a reply: the search core's normalization (contractions, "AM", chat
// shorthand), then typo repair against the flows' own vocabulary, so "senoir acount manger" and
// "prety good" are understood. Phrases from the knowledge base go through the same steps, so a
// phrase and a reply that mean the same thing compare equal as word lists.
import { BoundedCache } from '../lib/bounded-cache';
import { normalize, type Abbreviations } from '../search/normalize';
import { buildTypoRepairer, type TypoRepairer } from '../search/typos';
import { ENGLISH } from '../search/english';

/** Words said around an answer that do not change it ("ok", "please", "let's"). */
const LEADING_FILLERS = ENGLISH.leadingFillers;
const TRAILING_FILLERS = ENGLISH.trailingFillers;
/** Messages whose words are remembered, so the checks of one turn analyse a message once. */
const RECENT_TEXTS = 64;

export class FlowText {
  private readonly repairer: TypoRepairer;
  private readonly leading: string[][];
  private readonly trailing: string[][];
  private readonly recent = new BoundedCache<readonly string[]>(RECENT_TEXTS, false);

  /** @param vocabulary every phrase the flows compare replies with */
  constructor(
    private readonly abbreviations: Abbreviations,
    vocabulary: readonly string[],
  ) {
    const frequencies = new Map<string, number>();
    for (const phrase of vocabulary) {
      for (const word of normalize(phrase, abbreviations).split(' ')) if (word) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
    }
    this.repairer = buildTypoRepairer(frequencies);
    const split = (list: string[]) => list.map((p) => p.split(' ')).sort((a, b) => b.length - a.length);
    this.leading = split(LEADING_FILLERS);
    this.trailing = split(TRAILING_FILLERS);
  }

  /** Normalized words, without typo repair (word for word the same positions as words()). */
  plainWords(text: string): string[] {
    const normalized = normalize(text, this.abbreviations);
    return normalized ? normalized.split(' ') : [];
  }

  /** A reply or a phrase as the words the flows compare. */
  words(text: string): string[] {
    // One message is read several times in a turn (command? flow request? follow-up?).
    const cached = this.recent.get(text);
    if (cached) return [...cached];
    const words = this.plainWords(text).map((w) => (this.repairer.has(w) ? w : (this.repairer.repair(w) ?? w)));
    this.recent.set(text, words);
    return [...words];
  }

  /** The words without the fillers people put around a short answer. */
  core(words: readonly string[]): string[] {
    let out = [...words];
    for (let changed = true; changed && out.length;) {
      changed = false;
      for (const f of this.leading) {
        if (f.length < out.length && f.every((w, i) => out[i] === w)) {
          out = out.slice(f.length);
          changed = true;
          break;
        }
      }
      for (const f of this.trailing) {
        if (f.length < out.length && f.every((w, i) => out[out.length - f.length + i] === w)) {
          out = out.slice(0, out.length - f.length);
          changed = true;
          break;
        }
      }
    }
    return out;
  }

  /**
   * Which of the labels a reply picks: the label itself, typos and fillers allowed ("next stage",
   * "ok nxt stage"), or its position typed as a number ("2"), as on channels that number choices.
   */
  choice(reply: string, labels: readonly string[]): number | undefined {
    const words = this.core(this.words(reply));
    if (!words.length) return undefined;
    const key = words.join(' ');
    const index = labels.findIndex((label) => this.words(label).join(' ') === key);
    if (index >= 0) return index;
    // Numbers against the words as typed: typo repair would turn "option" into "options".
    const n = /^(?:number |option |no )?(\d{1,2})$/.exec(this.core(this.plainWords(reply)).join(' '));
    if (n && Number(n[1]) >= 1 && Number(n[1]) <= labels.length) return Number(n[1]) - 1;
    return undefined;
  }

  /** A list of phrases prepared for matching, longest first (so "not good" beats "good"). */
  phrases<T>(entries: readonly (readonly [string, T])[]): PhraseList<T> {
    const list = entries
      .map(([phrase, value]) => ({ words: this.words(phrase), value, phrase }))
      .filter((p) => p.words.length > 0)
      .sort((a, b) => b.words.length - a.words.length);
    return new PhraseList(list);
  }
}

/** Every phrase of `list` paired with one value, as `FlowText.phrases` takes them. */
export function tag<const T>(list: readonly string[], value: T): (readonly [string, T])[] {
  return list.map((p) => [p, value] as const);
}

export interface PreparedPhrase<T> {
  words: string[];
  value: T;
  phrase: string;
}

export class PhraseList<T> {
  /** Each phrase's words joined, to the value of the first phrase with those words. */
  private readonly byText = new Map<string, T>();

  constructor(readonly items: readonly PreparedPhrase<T>[]) {
    for (const p of items) {
      const key = p.words.join(' ');
      if (!this.byText.has(key)) this.byText.set(key, p.value);
    }
  }

  /** The value of a phrase equal to the whole of `words`. */
  whole(words: readonly string[]): T | undefined {
    return this.byText.get(words.join(' '));
  }

  /** The longest phrase found anywhere in `words` (whole words only), with where it starts. */
  find(words: readonly string[]): { value: T; start: number; length: number } | undefined {
    for (const p of this.items) {
      const start = indexOfPhrase(words, p.words);
      if (start >= 0) return { value: p.value, start, length: p.words.length };
    }
    return undefined;
  }
}

export function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (words[i + k] !== phrase[k]) continue outer;
    return i;
  }
  return -1;
}

/** Fills {name} slots of a knowledge-base sentence; an unknown slot is left as written. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));
}
