// WebSocket upgrades over raw sockets: odd request targets (the kind `new URL` throws on), the
// Direct Line stream with good, forged and other conversations' tickets, and bad handshake headers
// (Sec-WebSocket-Key, -Version, Upgrade, Connection), sometimes followed by WebSocket frames.
import { intBetween, pick, type Rng } from '../../lib/prng';
import { PH, chance, weighted, type FuzzRequest } from './spec';
import { binary } from './values';
import { POOL_SIZE } from './directline';

const STREAM = '/v3/directline/conversations';

const ODD_TARGETS = [
  '//',
  '///',
  '//%',
  '//%%',
  '//x',
  '//x/..',
  '//@',
  '//[',
  'http://[/x',
  'http://[::1',
  'http://',
  'http:',
  'http://x:99999/',
  'ws://127.0.0.1/',
  '*',
  '/%',
  '/%%30',
  '/%zz',
  '/\\\\x',
  '/..',
  '/../..',
  '/?',
  '/#',
  '/%00',
  '/\u00ff',
  '/a'.repeat(2000),
  `${STREAM}//stream`,
  `${STREAM}/%2e%2e/stream`,
  `${STREAM}/x/stream/`,
  `${STREAM}/x/stream?t`,
  `${STREAM}/x/stream?t=&t=x`,
  `${STREAM}/${'a'.repeat(65)}/stream`,
  `//${STREAM.slice(1)}/x/stream`,
  `${STREAM}/x/stream?%`,
  `${STREAM}/x/stream?watermark=%FF`,
];

function target(rng: Rng): { path: string; mustRefuse: boolean; kind: string } {
  const kind = weighted(rng, [
    ['odd', 45],
    ['valid', 20],
    ['other', 10],
    ['forged', 15],
    ['bearer', 10],
  ] as const);
  const base = `${STREAM}/${PH.conversation}/stream`;
  const watermark = chance(rng, 0.3) ? `&watermark=${pick(rng, ['0', '3', '-1', 'x', '1e9', ''])}` : '';
  switch (kind) {
    case 'odd':
      return { path: pick(rng, ODD_TARGETS), mustRefuse: true, kind };
    case 'valid':
      return { path: `${base}?t=${PH.ticket}${watermark}`, mustRefuse: false, kind };
    case 'other':
      return { path: `${STREAM}/${PH.otherConversation}/stream?t=${PH.ticket}${watermark}`, mustRefuse: true, kind };
    case 'forged':
      return { path: `${base}?t=${pick(rng, [`${PH.ticket}x`, PH.token, 'x', '', 'A'.repeat(43)])}${watermark}`, mustRefuse: true, kind };
    default:
      return { path: `${base}${watermark.replace('&', '?')}`, mustRefuse: false, kind };
  }
}

/** The handshake headers, valid or one of the ways they go wrong. */
function handshake(rng: Rng, bearer: boolean): { lines: string[]; valid: boolean } {
  const key = binary(rng, 16).toString('base64');
  const lines = ['Host: 127.0.0.1', 'Connection: Upgrade', 'Upgrade: websocket', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13'];
  if (bearer) lines.push(`Authorization: Bearer ${pick(rng, [PH.token, PH.otherToken, `${PH.token}x`])}`);
  if (chance(rng, 0.6)) return { lines, valid: true };
  // [header, value, whether a server must refuse the handshake]
  const bad = pick(rng, [
    ['Sec-WebSocket-Key: ', '', true],
    ['Sec-WebSocket-Key: ', 'abc', true],
    ['Sec-WebSocket-Key: ', 'x'.repeat(5000), true],
    ['Sec-WebSocket-Key: ', `${key}, ${key}`, true],
    ['Sec-WebSocket-Version: ', '8', false],
    ['Sec-WebSocket-Version: ', 'x', true],
    ['Sec-WebSocket-Version: ', '', true],
    ['Sec-WebSocket-Version: ', '13, 13', true],
    ['Upgrade: ', 'WebSocket2', true],
    ['Upgrade: ', 'h2c', true],
    ['Connection: ', 'keep-alive, Upgrade', false],
    ['Host: ', '', false],
    ['Sec-WebSocket-Extensions: ', 'permessage-deflate; client_max_window_bits=99', false],
    ['Sec-WebSocket-Protocol: ', ',,,', true],
    ['Origin: ', 'null', false],
  ] as const);
  const i = lines.findIndex((l) => l.startsWith(bad[0]));
  const missing = i >= 0 && chance(rng, 0.3) && bad[0] !== 'Host: ' && bad[0] !== 'Connection: ';
  if (missing) lines.splice(i, 1);
  else if (i >= 0) lines[i] = bad[0] + bad[1];
  else lines.push(bad[0] + bad[1]);
  return { lines, valid: !missing && !bad[2] };
}

/** Bytes a client might send right after its handshake: a masked text frame, or noise. */
function trailingBytes(rng: Rng): Buffer {
  if (chance(rng, 0.6)) return Buffer.alloc(0);
  if (chance(rng, 0.5)) {
    const payload = Buffer.from('{}');
    return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 1, 2, 3, 4]), payload.map((b, i) => b ^ [1, 2, 3, 4][i % 4])]);
  }
  // Oversized length, unmasked, reserved opcodes: the frame parser must refuse, not fall over.
  return pick(rng, [
    Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]),
    Buffer.from([0x8f, 0x00]),
    Buffer.from([0x01, 0x01, 0x41]),
    binary(rng, intBetween(rng, 1, 64)),
  ]);
}

export function websocketRequest(rng: Rng, index: number): FuzzRequest {
  const t = target(rng);
  const h = handshake(rng, t.kind === 'bearer');
  const method = chance(rng, 0.92) ? 'GET' : pick(rng, ['POST', 'HEAD', 'OPTIONS', 'CONNECT']);
  const version = chance(rng, 0.95) ? 'HTTP/1.1' : pick(rng, ['HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 ']);
  const head = Buffer.from(`${method} ${t.path} ${version}\r\n${h.lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return {
    index,
    target: 'websocket',
    case: `websocket/${t.kind}${h.valid ? '' : '-bad-handshake'}`,
    transport: 'raw',
    method,
    path: t.path,
    headers: {},
    raw: Buffer.concat([head, trailingBytes(rng)]),
    slot: intBetween(rng, 0, POOL_SIZE - 1),
    mustRefuse: t.mustRefuse || !h.valid || method !== 'GET',
  };
}
