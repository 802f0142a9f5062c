// People who write a paragraph usually put the context first and the question last: "I studied
// biology ... Will my science degree work against me?". The sentence that asks often matches
// better than the whole paragraph, whose context words pull towards unrelated entries.
import type { SearchHit } from './results';
import { alternation, ENGLISH } from './english';

/** Messages shorter than this many words are about the person they name (see SearchIndex). */
export const FOCUS_MIN_WORDS = 15;
/** A message needs at least this many words, in two sentences or more, to have a focus. */
const PARAGRAPH_MIN_WORDS = 8;

/** Openings of a sentence that asks without a question mark ("I'd like to know what they earn."). */
const ASKING_START = new RegExp(`^${alternation(ENGLISH.askingStarts)}\\b`, 'i');
/** Words a sentence may open with before it asks ("So, what ..."). */
const OPENER = new RegExp(`^${alternation(ENGLISH.sentenceOpeners)}\\b[,\\s]*`, 'i');

/** Whether a sentence asks something: it ends with "?" or opens like a question. */
export function isAsking(sentence: string): boolean {
  return /\?\s*$/.test(sentence) || ASKING_START.test(sentence.replace(OPENER, ''));
}

/** The sentences of a message: split after ".", "!", "?" and at line breaks. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The sentence that asks: the last one ending with "?", else the last one that opens like a
 * question, else the last sentence; undefined for a message of one sentence or a few words.
 */
export function focusSentence(text: string): string | undefined {
  if (text.split(/\s+/).length < PARAGRAPH_MIN_WORDS) return undefined;
  const all = sentences(text);
  if (all.length < 2) return undefined;
  const marked = all.filter((s) => /\?\s*$/.test(s));
  if (marked.length) return marked[marked.length - 1];
  const asking = all.filter(isAsking);
  return asking.length ? asking[asking.length - 1] : all[all.length - 1];
}

/**
 * The whole message's hits and the asking sentence's, blended: every candidate's score moves from
 * the whole message's towards the sentence's by `share`, so an entry only the context matches ("I
 * just moved to a new city") keeps little of its score. The evidence is the asking sentence's
 * where it has some: it says what is asked. Best first.
 */
export function blendFocused(whole: readonly SearchHit[], focused: readonly SearchHit[], share: number): SearchHit[] {
  const focusedById = new Map(focused.map((h) => [h.id, h]));
  const wholeById = new Map(whole.map((h) => [h.id, h]));
  const merged: SearchHit[] = [];
  for (const id of new Set([...focusedById.keys(), ...wholeById.keys()])) {
    const inFocus = focusedById.get(id);
    const wholeScore = wholeById.get(id)?.score ?? 0;
    const score = wholeScore + share * ((inFocus?.score ?? 0) - wholeScore);
    merged.push({ id, score, parts: (inFocus ?? wholeById.get(id)!).parts });
  }
  return merged.sort((a, b) => b.score - a.score);
}
