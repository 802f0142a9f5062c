// Editors sometimes write a misspelled alternate on purpose ("acount manager salery"), to catch
// typing slips. The matcher already repairs typos against the knowledge base's vocabulary, and a
// misspelling in the knowledge base makes that vocabulary worse: the slip becomes a "known" word
// that only one entry uses. `npm run kb:check` lists such words so they can be written correctly.
import { loadWordList } from '../search/lexicon';
import { normalize } from '../search/normalize';
import { contentWords } from '../search/tokenize';
import { buildTypoRepairer, isDictionaryWord } from '../search/typos';
import type { EntryPath, KnowledgeBase } from './load';

type Entry = KnowledgeBase['entries'][number];

export interface TypoWarning {
  entryId: string;
  word: string;
  /** The well-established word it is probably a slip of. */
  meant: string;
  /** Where in the entry the word is first written: ['alternates', 2], ['keywords', 0] ... */
  path: EntryPath;
}

/** The texts of an entry whose words make the vocabulary, each with its place in the entry. */
function textsOf(e: Entry): { path: EntryPath; text: string }[] {
  return [
    { path: ['question'], text: e.question },
    { path: ['title'], text: e.title },
    ...e.alternates.map((text, i) => ({ path: ['alternates', i], text })),
    ...e.keywords.map((text, i) => ({ path: ['keywords', i], text })),
  ];
}

const DICTIONARY = loadWordList('english-words');
/** A word used this often across the knowledge base is established, not a slip. */
const ESTABLISHED = 3;

export function findLikelyTypos(kb: KnowledgeBase): TypoWarning[] {
  const abbreviations = kb.synonyms.abbreviations;
  /** Every content word of an entry, in order, with the text it is written in. */
  const wordsOf = (e: Entry) =>
    textsOf(e).flatMap(({ path, text }) => contentWords(normalize(text, abbreviations)).map((word) => ({ word, path })));
  const counts = new Map<string, number>();
  for (const entry of kb.entries) for (const { word } of wordsOf(entry)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const established = new Map([...counts].filter(([, n]) => n >= ESTABLISHED));
  const repairer = buildTypoRepairer(established, DICTIONARY);

  const warnings: TypoWarning[] = [];
  for (const entry of kb.entries) {
    // One warning per word and entry, at the first place it is written.
    const firstPlace = new Map<string, EntryPath>();
    for (const { word, path } of wordsOf(entry)) if (!firstPlace.has(word)) firstPlace.set(word, path);
    for (const [word, path] of firstPlace) {
      if (established.has(word) || isDictionaryWord(word, DICTIONARY)) continue;
      const meant = repairer.repair(word);
      if (meant && meant !== word && !meant.startsWith(word) && !word.startsWith(meant)) warnings.push({ entryId: entry.id, word, meant, path });
    }
  }
  return warnings;
}
