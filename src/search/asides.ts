// A chat question often opens with an aside before a comma: "Forgive me if this is obvious, who
// talks to the client?", "Quick one, ...". Such an opening says nothing the knowledge base knows,
// yet its words count as unknown and dilute the match, so it is set aside before ranking. An
// opening with any known word ("As a new grad, ...") or a person or place ("As a nurse, ...")
// stays: it says who is asking or what about.

/** An opening of at most this many words before a comma, colon or semicolon can be an aside. */
const MAX_ASIDE_WORDS = 8;
const OPENING = /^\s*([^,;:.?!]+)[,;:]\s+(\S[\s\S]*)$/;

/**
 * The question without its opening aside, or the text as it is.
 * @param saysSomething whether an opening's text names anything the matcher knows or needs
 */
export function withoutAside(text: string, saysSomething: (opening: string) => boolean): string {
  const match = OPENING.exec(text);
  if (!match) return text;
  const [, opening, rest] = match;
  if (opening.trim().split(/\s+/).length > MAX_ASIDE_WORDS || saysSomething(opening)) return text;
  return rest;
}
