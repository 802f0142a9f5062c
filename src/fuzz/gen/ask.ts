// GET /api/ask with odd q values: questions, empty and missing q, repeated and array-style
// parameters, over-long text, bad percent-encoding, encoded nulls and newlines, odd unicode.
import { intBetween, pick, type Rng } from '../../lib/prng';
import { chance, weighted, type FuzzRequest } from './spec';
import { QUESTIONS, oddString } from './values';

/** Percent-encodes every byte that node:http would refuse in a request target. */
const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, () => '+');

function query(rng: Rng): string {
  const kind = weighted(rng, [
    ['question', 40],
    ['odd', 30],
    ['raw', 20],
    ['shape', 10],
  ] as const);
  switch (kind) {
    case 'question':
      return `q=${encode(pick(rng, QUESTIONS))}`;
    case 'odd': {
      // Lone surrogates cannot be encodeURIComponent'ed: send their UTF-8-ish bytes raw-encoded.
      const s = oddString(rng);
      try {
        return `q=${encode(s)}`;
      } catch {
        return `q=%ED%A0%80${encode(s.replace(/[\uD800-\uDFFF]/g, ''))}`;
      }
    }
    case 'raw':
      return pick(rng, [
        'q=%',
        'q=%zz',
        'q=%00',
        'q=%0d%0a',
        'q=%C0%AE',
        'q=%FF%FE',
        'q=+',
        'q=%20%20',
        'q=',
        'q',
        '=',
        '&&&',
        'q=a%2',
        'q=%E2%80%AE',
        'Q=salary',
        'q=salary%00admin',
      ]);
    default:
      return pick(rng, [
        'q=a&q=b',
        'q[]=salary',
        'q[a]=1',
        'q=salary&__proto__=x',
        '__proto__[q]=salary',
        `q=${'a'.repeat(intBetween(rng, 1990, 2010))}`,
        `q=${'%61'.repeat(3000)}`,
        '',
      ]);
  }
}

export function askRequest(rng: Rng, index: number): FuzzRequest {
  const q = query(rng);
  const path = chance(rng, 0.05) ? pick(rng, [`/api/ask/?${q}`, `/api/ASK?${q}`, `/api//ask?${q}`, `/api/ask?${q}#x`]) : `/api/ask?${q}`;
  const method = chance(rng, 0.08) ? pick(rng, ['HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) : 'GET';
  const headers: Record<string, string> = {};
  if (chance(rng, 0.1)) headers.accept = pick(rng, ['text/html', '*/*', 'application/xml', '']);
  if (chance(rng, 0.05)) headers['accept-encoding'] = pick(rng, ['gzip', 'br', 'x']);
  return { index, target: 'ask', case: 'ask/get', transport: 'http', method, path, headers };
}
