// People who write a paragraph usually put the context first and the question last: "I studied
// biology ... Will my science degree work against me?". The question sentence alone often matches
// better than the whole paragraph, whose context words pull towards unrelated entries.

/** Messages shorter than this many words are matched as a whole only; longer ones are paragraphs. */
export const FOCUS_MIN_WORDS = 15;

/** The last sentence that asks something (ends with "?"), else the last sentence; undefined for short messages. */
export function focusSentence(text: string): string | undefined {
  if (text.split(/\s+/).length < FOCUS_MIN_WORDS) return undefined;
  const sentences = text
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (sentences.length < 2) return undefined;
  const questions = sentences.filter((s) => s.endsWith('?'));
  return questions.length ? questions[questions.length - 1] : sentences[sentences.length - 1];
}
