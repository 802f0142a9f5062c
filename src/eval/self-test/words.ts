// Whole-word (or whole-phrase) matching for the rewrites: "you" must not match inside "your" or
// "you're", and "pay" not inside "paycheck".

const BOUNDARY_BEFORE = "(?<![\\w'-])";
const BOUNDARY_AFTER = "(?![\\w'-])";

export function wordPattern(word: string, flags = 'gi'): RegExp {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${BOUNDARY_BEFORE}${escaped}${BOUNDARY_AFTER}`, flags);
}

export function containsWord(text: string, word: string): boolean {
  return wordPattern(word, 'i').test(text);
}

/** The phrases longest first, so "entry level" is tried before "entry". */
export function longestFirst(words: readonly string[]): string[] {
  return [...words].sort((a, b) => b.length - a.length);
}
