// The outbound gate: timeout, cap on requests in flight (a short, bounded wait, then a fast
// failure) and the short memory of silent peers.
import { describe, expect, it } from 'vitest';
import { OutboundError, OutboundGate, SILENT_PEER_COOLDOWN_MS, outboundErrorOf } from '../../src/outbound/gate';
import { eventually, silentPeer } from '../support/silent-peer';

/** A request that ends only when aborted. */
const hang = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OutboundError);
  return err as OutboundError;
}

describe('OutboundGate', () => {
  it('aborts a request that outlasts the timeout and closes its socket', async () => {
    const peer = await silentPeer();
    try {
      const gate = new OutboundGate({ timeoutMs: 300, maxConcurrent: 4 });
      const started = Date.now();
      const err = await failure(gate.fetchText(peer.url, { method: 'POST', body: '{}' }));
      expect(err.kind).toBe('timeout');
      expect(err.origin).toBe(new URL(peer.url).origin);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await eventually(() => peer.open() === 0, 5000)).toBe(true);
      expect(gate.inFlight).toBe(0);
    } finally {
      await peer.close();
    }
  });

  it('lets a request over the cap wait briefly for a slot, then fails it fast; the queue is bounded', async () => {
    const gate = new OutboundGate({ timeoutMs: 1000, maxConcurrent: 1 });
    let finish!: () => void;
    const first = gate.run('http://a.test/', () => new Promise<string>((resolve) => (finish = () => resolve('first'))));
    const waiting = gate.run('http://b.test/', async () => 'second');
    // One waiter per slot at most: the third is refused at once.
    const third = await failure(gate.run('http://c.test/', async () => 'third'));
    expect(third.kind).toBe('busy');
    finish();
    expect(await first).toBe('first');
    expect(await waiting).toBe('second'); // got the released slot
    // A waiter whose slot never comes free gives up within the (bounded) wait.
    const holder = gate.run('http://a.test/', hang).catch(() => undefined);
    const started = Date.now();
    const late = await failure(gate.run('http://b.test/', async () => 'late'));
    expect(late.kind).toBe('busy');
    expect(Date.now() - started).toBeLessThan(1500);
    await holder;
    expect(gate.inFlight).toBe(0);
  });

  it('fails calls to a host that just timed out at once, for a while, and only that host', async () => {
    let now = 1_000_000;
    const gate = new OutboundGate({ timeoutMs: 100, maxConcurrent: 4 }, () => now);
    expect((await failure(gate.run('http://silent.test/a', hang))).kind).toBe('timeout');
    let called = false;
    const again = await failure(gate.run('http://silent.test/b', async () => (called = true)));
    expect(again.kind).toBe('silent');
    expect(called).toBe(false);
    expect(await gate.run('http://other.test/', async () => 'ok')).toBe('ok');
    now += SILENT_PEER_COOLDOWN_MS + 1;
    expect(await gate.run('http://silent.test/c', async () => 'back')).toBe('back');
  });

  it('passes other errors through unchanged, and finds an OutboundError behind a cause', async () => {
    const gate = new OutboundGate({ timeoutMs: 1000, maxConcurrent: 1 });
    const boom = new Error('refused');
    await expect(gate.run('http://a.test/', async () => Promise.reject(boom))).rejects.toBe(boom);
    const inner = new OutboundError('x', 'timeout', 'http://a.test');
    expect(outboundErrorOf(new Error('wrapped', { cause: inner }))).toBe(inner);
    expect(outboundErrorOf(boom)).toBeUndefined();
  });
});
