import { describe, expect, it } from 'vitest';
import { checkReply, sha1, type ServedSet } from '../../src/fuzz/checks';
import { generate, MIX } from '../../src/fuzz/gen';
import { nested, spliceDeep } from '../../src/fuzz/gen/values';
import { parseOptions } from '../../src/fuzz/options';
import { fill, PH, type FuzzRequest } from '../../src/fuzz/gen/spec';

const values = { sink: 'http://127.0.0.1:1', conversation: 'c1', otherConversation: 'c2', token: 't1', otherToken: 't2', ticket: 'k1' };

describe('fuzz generators', () => {
  it('generate the same request for the same seed and index, whatever was generated before', () => {
    const first = Array.from({ length: 500 }, (_, i) => generate(42, i));
    const again = Array.from({ length: 500 }, (_, i) => generate(42, 499 - i)).reverse();
    expect(again).toEqual(first);
  });

  it('generate a different sequence for another seed', () => {
    const a = Array.from({ length: 50 }, (_, i) => JSON.stringify(generate(1, i)));
    const b = Array.from({ length: 50 }, (_, i) => JSON.stringify(generate(2, i)));
    expect(a).not.toEqual(b);
  });

  it('cover every target of the mix, and every request can go on the wire', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const req = generate(7, i);
      seen.add(req.target);
      if (req.transport === 'http') {
        // node:http refuses a target with bytes outside \u0021-\u00ff; the raw transport is for those.
        expect(fill(req.path, values)).toMatch(/^[\u0021-\u00ff]*$/);
      } else {
        expect(req.raw?.length).toBeGreaterThan(0);
      }
      expect(JSON.stringify(req)).not.toMatch(/@DEEP:/); // every deep marker was spliced
    }
    expect([...seen].sort()).toEqual(MIX.map(([t]) => t).sort());
  });

  it('fill every placeholder and splice deep JSON', () => {
    expect(fill(`${PH.sink}/x ${PH.conversation} ${PH.otherConversation} ${PH.token} ${PH.otherToken} ${PH.ticket}`, values)).toBe(
      'http://127.0.0.1:1/x c1 c2 t1 t2 k1',
    );
    expect(spliceDeep('{"a":"@DEEP:3:array@"}')).toBe('{"a":[[[1]]]}');
    expect(JSON.parse(nested(200, 'object'))).toBeTypeOf('object');
  });

  it('refuse a --url that is not on loopback', () => {
    expect(() => parseOptions(['--url', 'http://example.com:3978'])).toThrow(/loopback/);
    expect(() => parseOptions(['--url', 'http://10.0.0.1'])).toThrow(/loopback/);
    expect(parseOptions(['--url', 'http://127.0.0.1:3978', '--count', '10']).count).toBe(10);
    expect(() => parseOptions(['--count', '0'])).toThrow(/--count must be an integer of at least 1, got "0"/);
    expect(() => parseOptions(['--count', '1.5'])).toThrow(/integer/);
    expect(() => parseOptions(['--seed'])).toThrow(/--seed needs a value/);
    expect(parseOptions(['--url', 'http://[::1]:3978']).url?.hostname).toBe('[::1]');
  });
});

describe('fuzz checks on an upgrade that must be refused', () => {
  const upgrade = {
    index: 0,
    target: 'websocket',
    case: 'websocket/odd',
    transport: 'raw',
    method: 'GET',
    path: '/',
    headers: {},
    mustRefuse: true,
  } as unknown as FuzzRequest;
  const page = Buffer.from('<!doctype html><title>careers</title>');
  const served: ServedSet = new Set([sha1(page)]);
  const reply = (status: number, body: Buffer) => ({ status, headers: { 'content-type': 'text/html' }, body, ms: 1 });

  it('flags an opened stream', () => {
    expect(checkReply(upgrade, reply(101, Buffer.alloc(0)), served, '').map((f) => f.check)).toContain('token');
  });

  it('lets a served page through (a request without Upgrade: is a plain GET), but not any other file', () => {
    expect(checkReply(upgrade, reply(200, page), served, '')).toEqual([]);
    expect(checkReply(upgrade, reply(200, Buffer.from('secret source')), served, '').map((f) => f.check)).toContain('file');
  });
});
