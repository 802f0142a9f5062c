// The id of the request being served, carried through every await of its handling (Node's
// AsyncLocalStorage), so each log line of a turn names its request without a logger being passed
// down to every function that logs. A caller may send its own X-Request-Id (a proxy's, the
// Bot Framework's); anything that does not look like an id is replaced by a fresh one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const requests = new AsyncLocalStorage<string>();

/** Ids callers may choose: short, and nothing that could forge a log line or a header. */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's id when it is a plausible one, else a new random id. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && CALLER_ID.test(given) ? given : randomUUID();
}

/** Runs `fn` (and everything it awaits or schedules) as the handling of request `id`. */
export function withRequestId<T>(id: string, fn: () => T): T {
  return requests.run(id, fn);
}

/** The id of the request whose handling is running now, if any. */
export function currentRequestId(): string | undefined {
  return requests.getStore();
}
