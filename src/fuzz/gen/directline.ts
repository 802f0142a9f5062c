// The built-in Direct Line endpoint (/v3/directline/...) and POST /api/webchat/token: every route
// with the slot's own token, another conversation's token, forged and missing tokens, odd
// conversation ids and watermarks, and valid, odd and hostile activities.
import { intBetween, pick, type Rng } from '../../lib/prng';
import { PH, chance, weighted, type FuzzRequest } from './spec';
import { QUESTIONS, binary, deep, deepDepth, oddString, oddValue, pollution, spliceDeep } from './values';

/** Conversations the fuzzer keeps open on the server (see pool.ts). */
export const POOL_SIZE = 16;
const PREFIX = '/v3/directline';

interface Auth {
  header?: string;
  conversation: string;
  /** The token must not be accepted for this conversation. */
  mustRefuse: boolean;
  own: boolean;
}

/** Which token goes with which conversation. */
function auth(rng: Rng): Auth {
  const kind = weighted(rng, [
    ['own', 60],
    ['other', 10],
    ['forged', 10],
    ['ticket', 4],
    ['none', 6],
    ['odd-path', 6],
    ['odd-header', 4],
  ] as const);
  const own = { header: `Bearer ${PH.token}`, conversation: PH.conversation, mustRefuse: false, own: true };
  switch (kind) {
    case 'own':
      return chance(rng, 0.1) ? { ...own, header: `bearer   ${PH.token} ` } : own;
    case 'other':
      return chance(rng, 0.5)
        ? { ...own, header: `Bearer ${PH.otherToken}`, mustRefuse: true, own: false }
        : { ...own, conversation: PH.otherConversation, mustRefuse: true, own: false };
    case 'forged': {
      const token = pick(rng, [
        `${PH.token}x`,
        `x${PH.token}`,
        `${PH.token}${PH.token}`,
        'A'.repeat(43),
        'eyJhbGciOiJub25lIn0.eyJjb252IjoiQCJ9.',
        binary(rng, 32).toString('base64url'),
      ]);
      return { ...own, header: `Bearer ${token}`, mustRefuse: true, own: false };
    }
    case 'ticket':
      return { ...own, header: `Bearer ${PH.ticket}`, mustRefuse: true, own: false };
    case 'none':
      return { conversation: PH.conversation, mustRefuse: true, own: false };
    case 'odd-path':
      return {
        ...own,
        conversation: pick(rng, ['..', '%2e%2e', '%00', 'x'.repeat(300), '%F0%9F%98%80', 'a%2Fb', '__proto__', 'constructor', '', '%20']),
        mustRefuse: true,
        own: false,
      };
    default:
      return {
        ...own,
        header: pick(rng, [
          'Bearer',
          'Bearer ',
          'Basic dXNlcjpwYXNz',
          `Token ${PH.token}`,
          `Bearer ${PH.token},Bearer ${PH.token}`,
          'x'.repeat(10_000),
        ]),
        mustRefuse: true,
        own: false,
      };
  }
}

const watermark = (rng: Rng) =>
  chance(rng, 0.5)
    ? ''
    : `?watermark=${pick(rng, ['', '0', '1', '5', '100', '-1', '1e3', 'abc', '99999999999999999999', '1&watermark=2', '%00', '0x10'])}`;

function clientActivity(rng: Rng): { body: string | Buffer; expectId: boolean } {
  const kind = weighted(rng, [
    ['message', 50],
    ['event', 8],
    ['typing', 5],
    ['odd', 22],
    ['deep', 5],
    ['garbage', 10],
  ] as const);
  const base = {
    type: kind === 'event' ? 'event' : kind === 'typing' ? 'typing' : 'message',
    text: pick(rng, QUESTIONS),
    channelData: { clientActivityID: `c${intBetween(rng, 0, 1e9)}` },
  };
  switch (kind) {
    case 'message':
    case 'event':
    case 'typing':
      if (kind === 'event') Object.assign(base, { name: pick(rng, ['webchat/join', 'x']), value: oddValue(rng) });
      return { body: spliceDeep(JSON.stringify(base)), expectId: kind !== 'typing' };
    case 'odd': {
      const a: Record<string, unknown> = base;
      const field = pick(rng, [
        'type',
        'text',
        'textFormat',
        'locale',
        'name',
        'value',
        'attachments',
        'entities',
        'channelData',
        'from',
        'conversation',
        'id',
      ]);
      a[field] = pick(rng, [oddValue(rng), oddString(rng), pollution(rng)]);
      if (chance(rng, 0.3)) Object.assign(a, pollution(rng));
      return { body: spliceDeep(JSON.stringify(a)), expectId: false };
    }
    case 'deep':
      return { body: spliceDeep(JSON.stringify({ ...base, value: deep(rng, deepDepth(rng)) })), expectId: true };
    default:
      return {
        body:
          pick(rng, ['', '{', 'null', '[]', '"x"', JSON.stringify({ ...base, pad: 'x'.repeat(20_000) })]) ||
          binary(rng, intBetween(rng, 1, 2048)),
        expectId: false,
      };
  }
}

/** Routes without a conversation in the path: a token that is "wrong" only through the path is the slot's own. */
const pathless = (a: Auth): Auth => {
  if (a.conversation !== PH.conversation)
    return { header: `Bearer ${PH.token}`, conversation: PH.conversation, mustRefuse: false, own: true };
  // Another conversation's token is a good token for that conversation here.
  return a.header === `Bearer ${PH.otherToken}` ? { ...a, mustRefuse: false } : a;
};

function request(index: number, slot: number, method: string, path: string, a: Auth, body?: string | Buffer): Omit<FuzzRequest, 'case'> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (a.header !== undefined) headers.authorization = a.header;
  return { index, target: 'directline', transport: 'http', method, path, headers, body, slot, mustRefuse: a.mustRefuse, ownToken: a.own };
}

const startBody = (rng: Rng) =>
  pick(rng, [
    '',
    '{}',
    '{"user":{"id":"dl_x","name":"x"}}',
    '{"locale":"en-US"}',
    `{"locale":${JSON.stringify(oddString(rng))}}`,
    'x'.repeat(5000),
    '{',
    'null',
  ]);

export function directLineRequest(rng: Rng, index: number): FuzzRequest {
  const slot = intBetween(rng, 0, POOL_SIZE - 1);
  const a = auth(rng);
  const route = weighted(rng, [
    ['generate', 8],
    ['refresh', 8],
    ['start', 6],
    ['reconnect', 10],
    ['poll', 30],
    ['post', 38],
  ] as const);
  const conv = `${PREFIX}/conversations/${a.conversation}`;
  switch (route) {
    case 'generate': {
      const r = request(
        index,
        slot,
        'POST',
        `${PREFIX}/tokens/generate`,
        chance(rng, 0.7) ? { conversation: '', mustRefuse: false, own: false } : { ...a, mustRefuse: false, own: false },
        startBody(rng),
      );
      return { ...r, case: 'directline/generate' };
    }
    case 'refresh':
      return { ...request(index, slot, 'POST', `${PREFIX}/tokens/refresh`, pathless(a), ''), case: 'directline/refresh' };
    case 'start':
      return { ...request(index, slot, 'POST', `${PREFIX}/conversations`, pathless(a), startBody(rng)), case: 'directline/start' };
    case 'reconnect':
      return { ...request(index, slot, 'GET', `${conv}${watermark(rng)}`, a), case: 'directline/reconnect' };
    case 'poll':
      return { ...request(index, slot, 'GET', `${conv}/activities${watermark(rng)}`, a), case: 'directline/poll' };
    default: {
      const { body, expectId } = clientActivity(rng);
      return { ...request(index, slot, 'POST', `${conv}/activities`, a, body), case: 'directline/post', expectId: expectId && a.own };
    }
  }
}

/** What the careers page calls first. */
export function webchatTokenRequest(rng: Rng, index: number): FuzzRequest {
  const headers: Record<string, string> = chance(rng, 0.8) ? { 'content-type': 'application/json' } : {};
  if (chance(rng, 0.2)) headers['x-forwarded-proto'] = pick(rng, ['https', 'http', 'gopher', '']);
  if (chance(rng, 0.2)) headers.host = pick(rng, ['evil.example', '127.0.0.1:1', '[::1]', 'a b', '']);
  const method = chance(rng, 0.1) ? pick(rng, ['GET', 'PUT', 'DELETE']) : 'POST';
  return {
    index,
    target: 'webchat-token',
    case: 'webchat/token',
    transport: 'http',
    method,
    path: '/api/webchat/token',
    headers,
    body: startBody(rng),
  };
}
