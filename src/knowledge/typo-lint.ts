// Editors sometimes write a misspelled alternate on purpose ("acount manager salery"), to catch
// typing slips. The matcher already repairs typos against the knowledge base's vocabulary, and a
// misspelling in the knowledge base makes that vocabulary worse: the slip becomes a "known" word
// that only one entry uses. `npm run kb:check` lists such words so they can be written correctly.
import { loadWordList } from '../search/lexicon';
import { normalize } from '../search/normalize';
import { contentWords } from '../search/tokenize';
import { buildTypoRepairer, isDictionaryWord } from '../search/typos';
import type { KnowledgeBase } from './load';

export interface TypoWarning {
  entryId: string;
  word: string;
  /** The well-established word it is probably a slip of. */
  meant: string;
}

const DICTIONARY = loadWordList('english-words');
/** A word used this often across the knowledge base is established, not a slip. */
const ESTABLISHED = 3;

export function findLikelyTypos(kb: KnowledgeBase): TypoWarning[] {
  const abbreviations = kb.synonyms.abbreviations;
  const wordsOf = (e: KnowledgeBase['entries'][number]) =>
    [e.question, e.title, ...e.alternates, ...e.keywords].flatMap((t) => contentWords(normalize(t, abbreviations)));
  const counts = new Map<string, number>();
  for (const entry of kb.entries) for (const w of wordsOf(entry)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const established = new Map([...counts].filter(([, n]) => n >= ESTABLISHED));
  const repairer = buildTypoRepairer(established, DICTIONARY);

  const warnings: TypoWarning[] = [];
  for (const entry of kb.entries) {
    for (const word of new Set(wordsOf(entry))) {
      if (established.has(word) || isDictionaryWord(word, DICTIONARY)) continue;
      const meant = repairer.repair(word);
      if (meant && meant !== word && !meant.startsWith(word) && !word.startsWith(meant)) warnings.push({ entryId: entry.id, word, meant });
    }
  }
  return warnings;
}
