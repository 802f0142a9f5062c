// POST /api/messages: valid activities (see activities.ts), mutated ones (wrong types, missing
// fields, huge or odd text, deep nesting, prototype-pollution keys) and garbage bodies, headers
// and content types.
import { intBetween, pick, type Rng } from '../../lib/prng';
import { chance, weighted, type FuzzRequest } from './spec';
import { validActivity, type Activity } from './activities';
import { binary, deep, deepDepth, oddString, oddValue, pollution, spliceDeep } from './values';

const PATH = '/api/messages';
const FIELDS = [
  'type',
  'id',
  'text',
  'channelId',
  'serviceUrl',
  'from',
  'recipient',
  'conversation',
  'deliveryMode',
  'locale',
  'replyToId',
  'name',
  'value',
  'membersAdded',
  'membersRemoved',
  'entities',
  'attachments',
  'timestamp',
  'localTimestamp',
  'expiration',
  'channelData',
  'textFormat',
  'suggestedActions',
];

type Base = Omit<FuzzRequest, 'case'>;

const jsonHeaders = (): Record<string, string> => ({ 'content-type': 'application/json' });

function post(index: number, body: string | Buffer, headers = jsonHeaders()): Base {
  return { index, target: 'messages', transport: 'http', method: 'POST', path: PATH, headers, body };
}

/** One mutation of a valid activity, in place. */
function mutate(rng: Rng, a: Activity): void {
  const field = pick(rng, FIELDS);
  switch (intBetween(rng, 0, 7)) {
    case 0:
      delete a[field];
      break;
    case 1:
      a[field] = oddValue(rng);
      break;
    case 2:
      a.text = oddString(rng);
      break;
    case 3:
      a[field] = deep(rng, deepDepth(rng));
      break;
    case 4:
      Object.assign(a, pollution(rng)); // own "__proto__"/"constructor" keys at the top level
      break;
    case 5:
      (a[pick(rng, ['conversation', 'from', 'recipient', 'channelData', 'value'])] as unknown) = pollution(rng);
      break;
    case 6:
      a.type = pick(rng, ['', ' ', 'MESSAGE', 'message ', 'invoke', 'unknown', 'conversationupdate', oddString(rng)]);
      break;
    default:
      a[pick(rng, ['membersAdded', 'attachments', 'entities'])] = pick(rng, [
        [null],
        [1],
        'x',
        {},
        [[]],
        [oddValue(rng)],
        Array(500).fill({ id: 'm' }),
      ]);
  }
}

function mutated(rng: Rng, index: number): FuzzRequest {
  const { activity } = validActivity(rng);
  const count = intBetween(rng, 1, 3);
  for (let i = 0; i < count; i++) mutate(rng, activity);
  // Replies of a mutated activity may go to the failing sink too; its 5xx count as the channel's.
  const channelFails =
    typeof activity.serviceUrl === 'string' && activity.serviceUrl.endsWith('/fail') && activity.deliveryMode !== 'expectReplies';
  return { ...post(index, spliceDeep(JSON.stringify(activity))), case: 'messages/mutated', channelFails };
}

const CONTENT_TYPES = [
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/xml',
  'application/json; charset=',
  ';;;',
  'application/ld+json',
  '*/*',
  'Application/JSON',
];

const GARBAGE_BODIES = [
  '',
  ' ',
  'null',
  'true',
  '1',
  '"message"',
  '[]',
  '[{"type":"message"}]',
  '{',
  '}',
  '{"type":',
  '{"type":"message"',
  '{"type":"message",}',
  "{'type':'message'}",
  '{"type":"message","type":"invoke"}',
  '{"type":1e999}',
  '{"type":"message","text":"\\ud800"}',
  '\uFEFF{"type":"message","deliveryMode":"expectReplies","text":"hi"}',
  '{"type":"message"}\u0000',
  'type=message&text=hi',
  '{"a":' + '1'.repeat(5000) + '}',
  '{"type":"message","deliveryMode":"expectReplies","text":"hi","__proto__":{"deliveryMode":"x"}}',
];

function garbageBody(rng: Rng): string | Buffer {
  switch (intBetween(rng, 0, 5)) {
    case 0:
    case 1:
      return pick(rng, GARBAGE_BODIES);
    case 2:
      return binary(rng, intBetween(rng, 1, 4096));
    case 3:
      return Buffer.from(JSON.stringify({ type: 'message', text: oddString(rng), deliveryMode: 'expectReplies' }), 'utf16le');
    case 4:
      return spliceDeep(JSON.stringify(deep(rng, deepDepth(rng))));
    default:
      return JSON.stringify({
        type: 'message',
        deliveryMode: 'expectReplies',
        text: 'hi',
        pad: 'x'.repeat(pick(rng, [60_000, 65_536, 70_000, 200_000])),
      });
  }
}

function garbage(rng: Rng, index: number): FuzzRequest {
  const headers: Record<string, string> = {};
  const contentType = pick(rng, CONTENT_TYPES);
  if (contentType) headers['content-type'] = contentType;
  if (chance(rng, 0.2))
    headers.authorization = pick(rng, ['Bearer', 'Bearer x', 'Basic YTpi', 'Bearer eyJhbGciOiJub25lIn0.e30.', 'x'.repeat(8000)]);
  if (chance(rng, 0.1)) headers['content-encoding'] = pick(rng, ['gzip', 'br', 'deflate', 'identity', 'x']);
  if (chance(rng, 0.1)) headers.expect = '100-continue';
  const method = chance(rng, 0.1) ? pick(rng, ['PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS']) : 'POST';
  return { ...post(index, garbageBody(rng), headers), method, case: 'messages/garbage' };
}

function valid(rng: Rng, index: number): FuzzRequest {
  const { activity, channelFails, kind } = validActivity(rng);
  return { ...post(index, JSON.stringify(activity)), case: `messages/valid-${kind}`, channelFails };
}

export function messagesRequest(rng: Rng, index: number): FuzzRequest {
  const make = weighted(rng, [
    [valid, 40],
    [mutated, 40],
    [garbage, 20],
  ] as const);
  return make(rng, index);
}
