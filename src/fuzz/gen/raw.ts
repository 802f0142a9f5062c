// Garbage at the HTTP level, over raw sockets: made-up methods, broken request lines, bad or
// conflicting framing headers (Content-Length and Transfer-Encoding), bad chunking, huge headers,
// control bytes, and noise. Node's parser refuses most of it; the server must simply survive.
import { intBetween, pick, type Rng } from '../../lib/prng';
import { weighted, type FuzzRequest } from './spec';
import { binary, oddString } from './values';

const PATHS = [
  '/api/messages',
  '/api/ask?q=salary',
  '/',
  '/chat',
  '/v3/directline/tokens/generate',
  '/api/webchat/token',
  '/healthz',
  '*',
  '//',
];
const BODY = '{"type":"message","deliveryMode":"expectReplies","text":"hi"}';

function requestLine(rng: Rng): string {
  const method = pick(rng, [
    'GET',
    'POST',
    'FOO',
    'get',
    'G\tET',
    'GET GET',
    'CONNECT',
    'PRI',
    'M-SEARCH',
    'QUERY',
    'SOURCE',
    'A'.repeat(100),
    '',
  ]);
  const version = pick(rng, ['HTTP/1.1', 'HTTP/1.0', 'HTTP/0.9', 'HTTP/2', 'HTTP/1.1x', 'http/1.1', 'HTTP/9.9', '']);
  return `${method} ${pick(rng, PATHS)} ${version}`;
}

function framing(rng: Rng): { headers: string[]; body: string } {
  switch (intBetween(rng, 0, 7)) {
    case 0:
      return { headers: [`Content-Length: ${BODY.length}`, `Content-Length: ${BODY.length + 5}`], body: BODY };
    case 1:
      return {
        headers: [`Content-Length: ${BODY.length}`, 'Transfer-Encoding: chunked'],
        body: `${BODY.length.toString(16)}\r\n${BODY}\r\n0\r\n\r\n`,
      };
    case 2:
      return {
        headers: ['Transfer-Encoding: chunked'],
        body: pick(rng, [
          'zz\r\nabc\r\n0\r\n\r\n',
          '5\r\nabc\r\n0\r\n\r\n',
          'ffffffffffffffff\r\n',
          '3;ext=\u0000\r\nabc\r\n0\r\n\r\n',
          '0\r\nX-Trailer: a\r\n\r\n',
        ]),
      };
    case 3:
      return { headers: ['Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: identity'], body: '0\r\n\r\n' };
    case 4:
      return {
        headers: [
          pick(rng, [
            'Content-Length: -1',
            'Content-Length: 1e3',
            'Content-Length: 0x10',
            'Content-Length: 99999999999999999999',
            'Content-Length:  5 ',
          ]),
        ],
        body: BODY,
      };
    case 5:
      return { headers: [`X-Big: ${'a'.repeat(pick(rng, [8000, 17_000, 70_000]))}`], body: '' };
    case 6:
      return { headers: Array.from({ length: pick(rng, [100, 2001]) }, (_, i) => `X-H${i}: ${i}`), body: '' };
    default:
      return {
        headers: [
          pick(rng, [
            'Bad Header: x',
            'X-Ctl: a\u0001b',
            'X-Nul: \u0000',
            ': empty-name',
            'X-Fold: a\r\n folded',
            'Host: a\r\nHost: b',
            'X-Utf8: é',
          ]),
        ],
        body: '',
      };
  }
}

export function rawRequest(rng: Rng, index: number): FuzzRequest {
  const kind = weighted(rng, [
    ['framing', 60],
    ['noise', 15],
    ['odd-text', 15],
    ['pipelined', 10],
  ] as const);
  let raw: Buffer;
  if (kind === 'noise') {
    raw = binary(rng, intBetween(rng, 1, 2048));
  } else if (kind === 'odd-text') {
    raw = Buffer.from(`${oddString(rng)}\r\n\r\n`, 'utf8');
  } else if (kind === 'pipelined') {
    const one = `GET /api/ask?q=salary HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    raw = Buffer.from(
      one.repeat(intBetween(rng, 2, 20)) + 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
      'latin1',
    );
  } else {
    const f = framing(rng);
    raw = Buffer.from(
      `${requestLine(rng)}\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n${f.headers.join('\r\n')}\r\n\r\n${f.body}`,
      'latin1',
    );
  }
  return { index, target: 'raw', case: `raw/${kind}`, transport: 'raw', method: '', path: '', headers: {}, raw };
}
