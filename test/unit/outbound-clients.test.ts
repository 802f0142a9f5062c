// The bounded replacements for botframework-connector's outbound clients: the OpenID signing keys
// (shared fetch, last-good keys, fail closed) and MSAL's network client.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msalNetworkClient } from '../../src/outbound/bot-framework';
import { OutboundGate, SILENT_PEER_COOLDOWN_MS, outboundErrorOf } from '../../src/outbound/gate';
import { BoundedOpenIdMetadata, KEYS_USABLE_FOR_MS } from '../../src/outbound/openid';
import { eventually, silentPeer } from '../support/silent-peer';

const DAY = 24 * 60 * 60 * 1000;

describe('BoundedOpenIdMetadata', () => {
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
  let hang = false;
  let requests = 0;
  let host: Server;
  let url: string;
  beforeAll(async () => {
    host = createServer((req, res) => {
      requests += 1;
      if (hang) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/keys' ? { keys: [{ ...jwk, kid: 'k1' }] } : { jwks_uri: `${url}/keys` }));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    host.closeAllConnections();
    host.close();
  });

  it('keeps validating with the last good keys while the host hangs, and fails closed once they are too old', async () => {
    hang = false;
    let now = 1_000_000_000;
    const metadata = new BoundedOpenIdMetadata(`${url}/meta`, new OutboundGate({ timeoutMs: 300, maxConcurrent: 4 }, () => now), () => now);
    const key = await metadata.getKey('k1');
    expect(key?.key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(await metadata.getKey('unknown')).toBeNull(); // no refetch for an unknown key within the hour
    expect(requests).toBe(2);

    hang = true;
    now += DAY + 1; // a refresh is due: it runs in the background, the cached key answers at once
    const started = Date.now();
    expect(await metadata.getKey('k1')).toEqual(key);
    expect(Date.now() - started).toBeLessThan(250);
    expect(await eventually(() => requests === 3, 2000)).toBe(true);
    await new Promise((r) => setTimeout(r, 500)); // the background refresh times out
    expect(await metadata.getKey('k1')).toEqual(key);

    now += KEYS_USABLE_FOR_MS + SILENT_PEER_COOLDOWN_MS;
    await expect(metadata.getKey('k1')).rejects.toThrow(/did not answer/);
  });

  it('shares one fetch among concurrent requests and does not repeat a failed one at once', async () => {
    hang = true;
    const before = requests;
    const metadata = new BoundedOpenIdMetadata(`${url}/meta`, new OutboundGate({ timeoutMs: 300, maxConcurrent: 64 }));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => metadata.getKey('k1')));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(requests - before).toBe(1);
    await expect(metadata.getKey('k1')).rejects.toThrow();
    expect(requests - before).toBe(1);
  });
});

describe('msalNetworkClient', () => {
  it('bounds token requests and keeps the OutboundError as the cause of the error MSAL sees', async () => {
    const peer = await silentPeer();
    try {
      const client = msalNetworkClient(new OutboundGate({ timeoutMs: 300, maxConcurrent: 4 }));
      const err = await client.sendPostRequestAsync(`${peer.url}tenant/oauth2/v2.0/token`, { body: 'grant_type=client_credentials' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((err as Error).name).toBe('OutboundAuthError');
      expect(outboundErrorOf(err)?.kind).toBe('timeout');
      expect(await eventually(() => peer.open() === 0, 5000)).toBe(true);
    } finally {
      await peer.close();
    }
  });
});
