// The built-in Direct Line endpoint's parts, with a fake clock: signed tokens, rate limits, the bounded
// conversation store and the check of what clients post.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../src/config';
import { checkClientActivity } from '../../src/directline/activities';
import { createLogger } from '../../src/lib/log';
import { ConversationStore, type Conversation } from '../../src/directline/conversations';
import type { Listener } from '../../src/directline/registry';
import { RateLimiter, TokenBucket } from '../../src/lib/rate-limit';
import { STREAM_TICKET_TTL_MS, TokenIssuer } from '../../src/directline/tokens';

const clock = (start = 1_000_000) => {
  let t = start;
  const now = () => t;
  return { now, advance: (ms: number) => (t += ms) };
};

describe('TokenIssuer', () => {
  const KEY = 'a-test-key-of-at-least-32-characters';

  it('issues signed tokens bound to one conversation, which expire', () => {
    const c = clock();
    const tokens = new TokenIssuer(KEY, 60_000, 100, c.now);
    const a = tokens.issue('conv-a');
    const b = tokens.issue('conv-a');
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[A-Za-z0-9._-]+$/); // safe in a header and a URL
    expect(tokens.check(a.token, 'conversation')).toEqual({ ok: true, conversationId: 'conv-a', expiresAt: a.expiresAt });
    expect(tokens.check(a.token, 'conversation', 'conv-a').ok).toBe(true);
    expect(tokens.check(a.token, 'conversation', 'conv-b')).toEqual({ ok: false, reason: 'other-conversation' });
    expect(tokens.check('made-up', 'conversation')).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.check(undefined, 'conversation')).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.expiresIn(a.expiresAt)).toBe(60);
    c.advance(60_000);
    expect(tokens.check(a.token, 'conversation')).toEqual({ ok: false, reason: 'expired' });
  });

  it('checks the signature: a changed conversation, expiry or kind, or another key, is unknown', () => {
    const c = clock();
    const tokens = new TokenIssuer(KEY, 60_000, 100, c.now);
    const { token } = tokens.issue('conv-a');
    const [kind, conversation, expiry, nonce, signature] = token.split('.');
    const forged = [
      [kind, 'conv-b', expiry, nonce, signature],
      [kind, conversation, (c.now() + 10 * 60_000).toString(36), nonce, signature],
      ['s', conversation, expiry, nonce, signature],
      [kind, conversation, expiry, nonce, `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`],
    ].map((parts) => parts.join('.'));
    for (const f of forged) {
      expect(tokens.check(f, 'conversation').ok, f).toBe(false);
      expect(tokens.check(f, 'stream').ok, f).toBe(false);
    }
    expect(new TokenIssuer('another-key-of-at-least-32-characters', 60_000, 100, c.now).check(token, 'conversation').ok).toBe(false);
    expect(new TokenIssuer(KEY, 60_000, 100, c.now).check(token, 'conversation').ok).toBe(true); // same key, no shared state
    expect(new TokenIssuer(undefined, 60_000, 100, c.now).check(token, 'conversation').ok).toBe(false); // a random key
  });

  it('leaves every token issued valid until it expires, however many more are issued', () => {
    const tokens = new TokenIssuer(KEY, 60_000, 100);
    const first = tokens.issue('conv').token;
    for (let i = 0; i < 10_000; i++) tokens.issue(`conv-${i % 7}`);
    expect(tokens.check(first, 'conversation', 'conv').ok).toBe(true);
  });

  it('makes stream tickets single-use and short-lived, and not usable as conversation tokens', () => {
    const c = clock();
    const tokens = new TokenIssuer(KEY, 30 * 60_000, 100, c.now);
    const ticket = tokens.issue('conv', 'stream');
    expect(tokens.check(ticket.token, 'conversation').ok).toBe(false);
    expect(tokens.check(ticket.token, 'stream', 'conv').ok).toBe(true);
    expect(tokens.check(ticket.token, 'stream', 'conv')).toEqual({ ok: false, reason: 'used' });
    const late = tokens.issue('conv', 'stream');
    c.advance(STREAM_TICKET_TTL_MS);
    expect(tokens.check(late.token, 'stream', 'conv')).toEqual({ ok: false, reason: 'expired' });
    const conversationToken = tokens.issue('conv');
    expect(tokens.check(conversationToken.token, 'stream', 'conv').ok).toBe(false);
  });

  it('remembers at most maxUsedTickets used tickets, forgetting expired ones first, then the oldest', () => {
    const c = clock();
    const tokens = new TokenIssuer(KEY, 60_000, 3, c.now);
    const use = () => tokens.check(tokens.issue('conv', 'stream').token, 'stream').ok;
    expect([use(), use()]).toEqual([true, true]);
    c.advance(STREAM_TICKET_TTL_MS);
    tokens.sweep();
    expect(tokens.usedTicketCount).toBe(0);
    const tickets = Array.from({ length: 4 }, () => tokens.issue('conv', 'stream').token);
    for (const t of tickets) expect(tokens.check(t, 'stream').ok).toBe(true);
    expect(tokens.usedTicketCount).toBe(3);
    expect(tokens.check(tickets[3], 'stream').ok).toBe(false);
    expect(tokens.check(tickets[0], 'stream').ok).toBe(true); // forgotten to make room
  });
});

describe('rate limits', () => {
  it('TokenBucket allows a burst, then one action per 60/N seconds', () => {
    const bucket = new TokenBucket(3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(20);
    expect(bucket.take(10_000)).toBe(10);
    expect(bucket.take(20_000)).toBe(0);
    expect(bucket.take(20_000)).toBe(20);
  });

  it('RateLimiter counts per key and keeps at most maxKeys buckets', () => {
    const c = clock();
    const limiter = new RateLimiter(1, c.now, 2);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0);
    expect(limiter.take('c')).toBe(0);
    expect(limiter.size).toBeLessThanOrEqual(2);
    c.advance(60_000);
    expect(limiter.take('a')).toBe(0);
  });
});

describe('ConversationStore', () => {
  const limits = { maxConversations: 2, maxPerAddress: 2, maxActivities: 3, maxBytes: 10_000, idleMs: 60_000, postsPerMinute: 10 };
  const add = (conversation: Conversation, text: string) => conversation.add((id) => ({ id, text })).id;

  it('numbers activities, keeps the last maxActivities and answers watermarks', () => {
    const store = new ConversationStore(limits);
    const c = store.create('client').conversation;
    expect(c.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(c.userId).toMatch(/^dl_/);
    expect(JSON.parse(c.since(undefined).json)).toEqual({ activities: [], watermark: '0' });
    const ids = ['a', 'b', 'c', 'd'].map((t) => add(c, t));
    expect(ids[0]).toBe(`${c.id}|0000001`);
    const all = JSON.parse(c.since(undefined).json);
    expect(all.activities.map((a: any) => a.text)).toEqual(['b', 'c', 'd']);
    expect(all.watermark).toBe('4');
    expect(JSON.parse(c.since(2).json).activities.map((a: any) => a.text)).toEqual(['c', 'd']);
    expect(JSON.parse(c.since(4).json)).toEqual({ activities: [], watermark: '4' });
    expect(JSON.parse(c.since(99).json)).toEqual({ activities: [], watermark: '4' });
  });

  it('keeps at most maxBytes of activities per conversation (always the newest one)', () => {
    const store = new ConversationStore({ ...limits, maxActivities: 100, maxBytes: 200 });
    const c = store.create('client').conversation;
    for (let i = 0; i < 10; i++) add(c, 'x'.repeat(50));
    expect(c.bytes).toBeLessThanOrEqual(200);
    expect(c.activityCount).toBe(2);
    add(c, 'y'.repeat(500));
    expect(c.activityCount).toBe(1);
  });

  it('counts the size limit in bytes, not characters (non-Latin text)', () => {
    const store = new ConversationStore({ ...limits, maxActivities: 100, maxBytes: 800 });
    const c = store.create('client').conversation;
    const texts = ['履歴書を送ってください'.repeat(10), 'Какая зарплата у менеджера?'.repeat(4), '🙂'.repeat(60)];
    for (const text of texts) add(c, text);
    const kept = JSON.parse(c.since(undefined).json).activities.map((a: object) => JSON.stringify(a));
    expect(c.bytes).toBe(kept.reduce((sum: number, json: string) => sum + Buffer.byteLength(json), 0));
    expect(c.bytes).toBeLessThanOrEqual(800);
    expect(c.activityCount).toBe(2); // the three are 467 characters but 899 bytes
  });

  it('sends each new activity to listeners as an activity set, and closes them when the conversation goes', () => {
    const c0 = clock();
    const store = new ConversationStore(limits, c0.now);
    const c = store.create('client').conversation;
    const sent: string[] = [];
    let closed = 0;
    const listener: Listener = { send: (m) => sent.push(m), close: () => (closed += 1) };
    c.listeners.add(listener);
    add(c, 'hello');
    expect(JSON.parse(sent[0])).toEqual({ activities: [{ id: `${c.id}|0000001`, text: 'hello' }], watermark: '1' });
    c0.advance(60_000);
    expect(store.get(c.id)).toBeUndefined();
    expect(closed).toBe(1);
  });

  it('forgets conversations idle for idleMs; using one keeps it', () => {
    const c0 = clock();
    const store = new ConversationStore(limits, c0.now);
    const kept = store.create('client').conversation;
    const idle = store.create('client').conversation;
    c0.advance(40_000);
    store.touch(kept);
    c0.advance(30_000);
    expect(store.sweep()).toBe(1);
    expect(store.get(idle.id)).toBeUndefined();
    expect(store.get(kept.id)).toBe(kept);
  });

  it('when full, closes the least recently active conversation (spoken in or not) for a new one', () => {
    const c0 = clock();
    const store = new ConversationStore({ ...limits, maxConversations: 3, maxPerAddress: 3 }, c0.now);
    const closed: string[] = [];
    const open = () => {
      const conversation = store.create('client').conversation;
      conversation.listeners.add({ send: () => undefined, close: () => closed.push(conversation.id) });
      return conversation;
    };
    const [a, b, c] = [open(), open(), open()];
    c0.advance(10);
    store.touch(a); // b is now the least recently active
    const d = store.create('someone else');
    expect(d.closed).toBe('store-full');
    expect(store.get(b.id)).toBeUndefined();
    expect(closed).toEqual([b.id]);
    expect(store.create('a third').closed).toBe('store-full');
    expect(store.get(c.id)).toBeUndefined();
    expect([store.get(a.id), store.get(d.conversation.id)]).toEqual([a, d.conversation]);
    expect(store.size).toBe(3);
  });

  it("at an address's cap, closes that address's own least recently active conversation", () => {
    const c0 = clock();
    const store = new ConversationStore({ ...limits, maxConversations: 10, maxPerAddress: 2 }, c0.now);
    const other = store.create('other').conversation;
    const first = store.create('busy').conversation;
    c0.advance(10);
    const second = store.create('busy').conversation;
    c0.advance(10);
    store.touch(first);
    const third = store.create('busy');
    expect(third.closed).toBe('address-cap');
    expect(store.get(second.id)).toBeUndefined();
    expect([store.get(first.id), store.get(other.id), store.get(third.conversation.id)]).toEqual([first, other, third.conversation]);
    expect(store.create('busy').closed).toBe('address-cap');
    expect(store.get(first.id)).toBeUndefined();
    expect(store.size).toBe(3);
  });

  it('does not bring back a closed conversation when a late turn touches it', () => {
    const store = new ConversationStore({ ...limits, maxConversations: 1 });
    const gone = store.create('a').conversation;
    store.create('b');
    store.touch(gone);
    expect(store.get(gone.id)).toBeUndefined();
    expect(store.size).toBe(1);
  });
});

describe('checkClientActivity', () => {
  it('keeps only what the bot may read; identity fields are dropped', () => {
    const check = checkClientActivity(
      {
        type: 'message',
        text: 'hi',
        textFormat: 'plain',
        locale: 'en-US',
        channelData: { clientActivityID: 'x' },
        entities: [{ type: 'ClientCapabilities' }],
        from: { id: 'admin', role: 'bot' },
        recipient: { id: 'someone' },
        conversation: { id: 'another' },
        id: 'forged',
        timestamp: '1999-01-01',
        serviceUrl: 'http://evil.example',
      },
      100,
    );
    expect(check).toEqual({
      ok: true,
      activity: {
        type: 'message',
        text: 'hi',
        textFormat: 'plain',
        locale: 'en-US',
        channelData: { clientActivityID: 'x' },
        entities: [{ type: 'ClientCapabilities' }],
      },
    });
  });

  it('refuses what is not an activity a user may send', () => {
    for (const body of [
      null,
      'text',
      [],
      {},
      { type: 'conversationUpdate' },
      { type: 'invoke' },
      { type: 'message', text: 'x'.repeat(101) },
      { type: 'message', text: ['a'] },
      { type: 'message', textFormat: 'html' },
      { type: 'message', locale: 'english please' },
      { type: 'event', name: 'n'.repeat(201) },
      { type: 'message', attachments: [1] },
      { type: 'message', entities: Array.from({ length: 21 }, () => ({})) },
      { type: 'message', channelData: 'x' },
    ]) {
      expect(checkClientActivity(body, 100).ok, JSON.stringify(body)).toBe(false);
    }
    expect(checkClientActivity({ type: 'event', name: 'webchat/join', value: { any: 'thing' } }, 100).ok).toBe(true);
    expect(checkClientActivity({ type: 'typing' }, 100).ok).toBe(true);
  });
});

describe('Direct Line settings', () => {
  it('defaults to 20 conversations per address and a random token key, and says so', () => {
    const config = loadConfig({});
    expect(config.directLine).toMatchObject({ maxConversationsPerAddress: 20, tokenKey: undefined });
    expect(describeConfig(config).webchat).toMatch(/20 per address; tokens signed with a random key: they end on restart/);
  });

  it('says the token key is shared when the instances share Redis', () => {
    const config = loadConfig({ STATE_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(describeConfig(config).webchat).toMatch(/tokens signed with a key shared through Redis/);
  });

  it('refuses a token key shorter than 32 characters, naming the variable, and never shows the key', () => {
    expect(() => loadConfig({ DIRECT_LINE_TOKEN_KEY: 'too-short' })).toThrow(ConfigError);
    expect(() => loadConfig({ DIRECT_LINE_TOKEN_KEY: 'too-short' })).toThrow(/DIRECT_LINE_TOKEN_KEY/);
    const key = 'a-long-enough-signing-key-0123456789';
    const config = loadConfig({ DIRECT_LINE_TOKEN_KEY: key, DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS: '5' });
    expect(config.directLine).toMatchObject({ tokenKey: key, maxConversationsPerAddress: 5 });
    expect(JSON.stringify(describeConfig(config))).not.toContain(key);
    const lines: string[] = [];
    createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) })).info(
      { config },
      'configuration',
    );
    expect(lines.join('')).toContain('[redacted]');
    expect(lines.join('')).not.toContain(key);
  });
});
