// The mix: request `index` of run `seed` is drawn from its own random stream (spec.ts), so the
// sequence is the same on every run with the same seed, whatever the server answers.
import type { Rng } from '../../lib/prng';
import { requestRng, weighted, type FuzzRequest, type Target } from './spec';
import { askRequest } from './ask';
import { directLineRequest, webchatTokenRequest } from './directline';
import { messagesRequest } from './messages';
import { rawRequest } from './raw';
import { staticRequest } from './static';
import { websocketRequest } from './websocket';

type Generator = (rng: Rng, index: number) => FuzzRequest;

/** Share of each target in the mix (about 40% /api/messages, then Direct Line, ...). */
export const MIX: readonly (readonly [Target, number])[] = [
  ['messages', 40],
  ['directline', 20],
  ['webchat-token', 3],
  ['websocket', 10],
  ['ask', 12],
  ['static', 11],
  ['raw', 4],
];

const GENERATORS: Record<Target, Generator> = {
  messages: messagesRequest,
  directline: directLineRequest,
  'webchat-token': webchatTokenRequest,
  websocket: websocketRequest,
  ask: askRequest,
  static: staticRequest,
  raw: rawRequest,
};

export function generate(seed: number, index: number): FuzzRequest {
  const rng = requestRng(seed, index);
  return GENERATORS[weighted(rng, MIX)](rng, index);
}
