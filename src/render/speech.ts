// What a screen reader or a voice assistant reads for a card: the card's markdown as plain
// sentences. Web Chat narrates a card-only message from this, not from the drawn card, so
// without it a person hears "1 attachment" and nothing of the answer. Pure.

/** Inline markdown marks dropped, keeping their text: [text](url), **bold**, *em*, _em_, `code`. */
function plainInline(line: string): string {
  return line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?!\s)([^*]+?)\*(?=[^\w*]|$)/g, '$1$2')
    .replace(/(^|\W)_(?!\s)([^_]+?)_(?=\W|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1');
}

/** Markdown as one paragraph of sentences: headings, list items and lines each end with a stop. */
export function spokenText(markdown: string): string {
  return markdown
    .split(/\n+/)
    .map((line) => plainInline(line.replace(/^\s*(?:#{1,6}|>|[-*+]|\d+[.)])\s+/, '')).trim())
    .filter(Boolean)
    .map((line) => (/[.!?:;…]$/.test(line) ? line : `${line}.`))
    .join(' ');
}
