// What the fuzzer sends: one request, generated from (seed, index) alone so any request of a run
// can be generated again and replayed by itself (`npm run fuzz -- --seed S --only I`).
//
// Values only known at run time (the sink's address, a Direct Line conversation and its tokens)
// are written as placeholders and filled in when the request is sent (see fill()).
import { mulberry32, type Rng } from '../../lib/prng';

export type Target = 'messages' | 'directline' | 'webchat-token' | 'websocket' | 'ask' | 'static' | 'raw';

export interface FuzzRequest {
  index: number;
  target: Target;
  /** What kind of request this is, e.g. "messages/valid" or "websocket/odd-target". */
  case: string;
  /** `http`: node:http over keep-alive; `raw`: the bytes in `raw`, written to a fresh socket. */
  transport: 'http' | 'raw';
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Raw transport: the whole request as bytes (may contain placeholders when a string). */
  raw?: string | Buffer;
  /** Direct Line pool conversation the placeholders refer to. */
  slot?: number;
  /** The sink fails the bot's replies to this request, so a 5xx is the channel's fault. */
  channelFails?: boolean;
  /** The request carries a token that must not work here (forged, another conversation's). */
  mustRefuse?: boolean;
  /** A Direct Line message post whose 200 must carry the new activity's id. */
  expectId?: boolean;
  /** Uses the slot's own token: a 403 means the server revoked a live token. */
  ownToken?: boolean;
}

/** Placeholders filled in at send time. Generated content never contains "@@". */
export const PH = {
  sink: '@@SINK@@',
  conversation: '@@CONV@@',
  otherConversation: '@@OTHER@@',
  token: '@@TOKEN@@',
  otherToken: '@@OTHERTOKEN@@',
  ticket: '@@TICKET@@',
} as const;

export interface FillValues {
  sink: string;
  conversation: string;
  otherConversation: string;
  token: string;
  otherToken: string;
  ticket: string;
}

export function fill(text: string, v: FillValues): string {
  if (!text.includes('@@')) return text;
  return text
    .replaceAll(PH.sink, v.sink)
    .replaceAll(PH.conversation, v.conversation)
    .replaceAll(PH.otherConversation, v.otherConversation)
    .replaceAll(PH.otherToken, v.otherToken)
    .replaceAll(PH.token, v.token)
    .replaceAll(PH.ticket, v.ticket);
}

/** The random stream of request `index` of run `seed`, independent of every other request. */
export function requestRng(seed: number, index: number): Rng {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35);
  return mulberry32((h ^ (h >>> 13)) >>> 0);
}

/** Picks one of `entries` by weight. */
export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let x = rng() * total;
  for (const [value, w] of entries) {
    x -= w;
    if (x < 0) return value;
  }
  return entries[entries.length - 1][0];
}

export const chance = (rng: Rng, p: number) => rng() < p;
