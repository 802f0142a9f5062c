// Turns what people type in a chat box into plain lower-case words: typographic quotes and dashes,
// contractions, "AM"/"AMs" for account manager, and chat shorthand from the knowledge base's
// abbreviation list ("u" -> "you", "yrs" -> "years").
import { BoundedCache } from '../lib/bounded-cache';
import { alternation, ENGLISH } from './english';

export type Abbreviations = Readonly<Record<string, string>>;

// Applied only to texts that contain an apostrophe.
const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan'?t\b/g, 'can not'],
  [/\bwon'?t\b/g, 'will not'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\b(i)'m\b/g, '$1 am'],
  [/\b(\w+)'re\b/g, '$1 are'],
  [/\b(\w+)'ve\b/g, '$1 have'],
  [/\b(\w+)'ll\b/g, '$1 will'],
  [/\b(\w+)'d\b/g, '$1 would'],
  // "what's", "who's", "it's": "is"; any other "'s" is a possessive and goes.
  [/\b(what|who|where|how|it|that|there|here|he|she)'s\b/g, '$1 is'],
  [/'s\b/g, ''],
];

// The same contractions typed without the apostrophe.
const BARE_CONTRACTIONS: [RegExp, string][] = [
  [/\b(what|who|where|how|that|there)s\b/g, '$1 is'],
  [/\bim\b/g, 'i am'],
];

/**
 * "AM" is ambiguous with the verb "am": it means account manager when written in capitals, as a
 * plural, or after a word that introduces a noun ("an am", "senior am").
 */
function expandAccountManager(text: string): string {
  return text
    .replace(/\bAMs\b|\bams\b/g, 'account managers')
    .replace(/\bAM\b/g, 'account manager')
    .replace(/\b(an|the|as|senior|junior|new|good|mid|level|entry)\s+am\b/gi, '$1 account manager');
}

/** Whether expandAccountManager has anything to do: an "am" or "ams" as a word, in any case. */
const MAY_NAME_AM = /\bams?\b/i;

/** Digit phrases ("24 7") and the words they stand for; not before "years" or "k", where they are ranges. */
const DIGIT_PHRASES = ENGLISH.digitPhrases.map(({ phrases, words }) => ({
  pattern: new RegExp(`(?<!\\d )\\b${alternation(phrases)}\\b(?! (?:years?|yrs?|k|percent)\\b)`, 'g'),
  words,
}));
const MAY_HOLD_DIGIT_PHRASE = /\d|\bnine\b/;

const NO_ABBREVIATIONS: Abbreviations = {};
/** Texts normalized lately, per abbreviation list: one message is read by the flows, the small-talk
 * matcher and the search in the same turn. */
const recent = new WeakMap<Abbreviations, BoundedCache<string>>();
const RECENT_TEXTS = 64;

export function normalize(text: string, abbreviations: Abbreviations = NO_ABBREVIATIONS): string {
  let cache = recent.get(abbreviations);
  if (!cache) recent.set(abbreviations, (cache = new BoundedCache<string>(RECENT_TEXTS, false)));
  const known = cache.get(text);
  if (known !== undefined) return known;
  const normalized = normalizeAnew(text, abbreviations);
  cache.set(text, normalized);
  return normalized;
}

function normalizeAnew(text: string, abbreviations: Abbreviations): string {
  // Most messages are plain ASCII without "AM" or slashes: skip the steps that could not apply.
  const ascii = /^[\x00-\x7f]*$/.test(text);
  let out = ascii ? text : text.normalize('NFKC');
  if (!ascii || out.includes('`')) out = out.replace(/[\u2018\u2019\u02bc`´]/g, "'").replace(/[\u2010-\u2015\u2212]/g, '-');
  out = (MAY_NAME_AM.test(out) ? expandAccountManager(out) : out).toLowerCase();
  if (out.includes('/') || out.includes('&')) {
    out = out
      .replace(/\bw\/o\b/g, ' without ')
      .replace(/\bw\//g, ' with ')
      .replace(/&/g, ' and ');
  }
  if (out.includes("'")) for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  for (const [pattern, replacement] of BARE_CONTRACTIONS) out = out.replace(pattern, replacement);
  // Chat elongation ("heyyy", "thanksss"): no English word has a letter three times in a row.
  out = out.replace(/([a-z])\1{2,}/g, '$1');
  // Keep digits and letters; "50k", "b2b" and "3-5" survive as words ("3-5" as "3 5").
  out = out.replace(/[^a-z0-9]+/g, ' ').trim();
  if (!out) return '';
  if (MAY_HOLD_DIGIT_PHRASE.test(out)) for (const { pattern, words } of DIGIT_PHRASES) out = out.replace(pattern, words);
  return out
    .split(' ')
    .map((word) => abbreviations[word] ?? word)
    .join(' ');
}
