// GET /metrics over HTTP on the real server: Prometheus text with the FAQ's decisions, requests
// per route, web chat conversations and state store errors; GET /readyz follows the store; and
// every request has an id that each log line of its turn carries.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/log';
import { close, listen } from '../../src/server/server';
import { activity, getJson, post, postRaw, say, startBot, type Running } from '../support/bot';
import { DirectLineRest } from '../support/directline';
import { sample, scrape } from '../support/metrics';
import { useTempDirs } from '../support/temp-dirs';

describe('GET /metrics', () => {
  let bot: Running;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.stop());

  it('is Prometheus text with the process metrics', async () => {
    const { contentType, samples } = await scrape(bot.url);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(samples.get('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samples.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.has('webchat_conversations_open')).toBe(true);
  });

  it('counts a declined question as a fallback and an answered one as an answer, on their channel', async () => {
    const fallback = 'faq_decisions_total{kind="fallback",channel="emulator"}';
    const answer = 'faq_decisions_total{kind="answer",channel="emulator"}';
    const [fallbacks, answers] = [await sample(bot.url, fallback), await sample(bot.url, answer)];
    const declined = await say(bot.url, 'what is a fair salary for a dental hygienist?');
    expect(declined.traces[0].value.kind).toBe('fallback');
    const answered = await say(bot.url, 'how much does an account manager earn?');
    expect(answered.traces[0].value.kind).toBe('answer');
    const { samples } = await scrape(bot.url);
    expect(samples.get(fallback)).toBe(fallbacks + 1);
    expect(samples.get(answer)).toBe(answers + 1);
  });

  it('counts /api/ask as the "api" channel, and a channel it does not know as "other"', async () => {
    const api = 'faq_decisions_total{kind="fallback",channel="api"}';
    const other = 'faq_decisions_total{kind="fallback",channel="other"}';
    const [apiBefore, otherBefore] = [await sample(bot.url, api), await sample(bot.url, other)];
    expect((await getJson(bot.url, '/api/ask?q=is+plumbing+a+good+trade')).body.kind).toBe('fallback');
    await say(bot.url, 'is plumbing a good trade?', { channelId: 'made-up-channel-1' });
    await say(bot.url, 'is plumbing a good trade?', { channelId: 'made-up-channel-2' });
    const { samples } = await scrape(bot.url);
    expect(samples.get(api)).toBe(apiBefore + 1);
    expect(samples.get(other)).toBe(otherBefore + 2);
    expect([...samples.keys()].some((key) => key.includes('made-up-channel'))).toBe(false);
  });

  it('counts requests per route pattern and status, refused ones included', async () => {
    const ok = 'http_requests_total{route="/api/messages",method="POST",status="200"}';
    const bad = 'http_requests_total{route="/api/messages",method="POST",status="400"}';
    const [okBefore, badBefore] = [await sample(bot.url, ok), await sample(bot.url, bad)];
    expect((await post(bot.url, activity({ text: 'hello' }))).status).toBe(200);
    expect((await postRaw(bot.url, '{"type": "message",')).status).toBe(400);
    await fetch(`${bot.url}/no/such/page`);
    const { samples } = await scrape(bot.url);
    expect(samples.get(ok)).toBe(okBefore + 1);
    expect(samples.get(bad)).toBe(badBefore + 1);
    expect(samples.get('http_requests_total{route="unrouted",method="GET",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(samples.get('http_request_duration_seconds_count{route="/api/messages",method="POST"}')).toBeGreaterThanOrEqual(2);
  });

  it('counts the web chat conversations this instance holds', async () => {
    const before = await sample(bot.url, 'webchat_conversations_open');
    await new DirectLineRest(bot.url).open();
    expect(await sample(bot.url, 'webchat_conversations_open')).toBe(before + 1);
  });
});

describe('request ids', () => {
  let log = '';
  let url = '';
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'debug', PORT: '0', STATE_STORE: 'memory' });
    const sink = new PassThrough().on('data', (chunk) => (log += chunk));
    const app = createApp(config, createLogger(config.logLevel, sink));
    url = (await listen(app.server, 0, '127.0.0.1')).url;
    stop = () => close(app.server, 2000);
  });
  afterAll(() => stop());

  const linesOf = (reqId: string) =>
    log
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((line) => line.reqId === reqId);

  it("keeps the caller's X-Request-Id, echoes it, and puts it on every log line of the turn", async () => {
    const turns = ['first-turn-1', 'second-turn-2'];
    const responses = await Promise.all(
      turns.map((id, i) =>
        post(url, activity({ text: i ? 'how much do they earn?' : 'what skills do I need?' }), {
          'content-type': 'application/json',
          'x-request-id': id,
        }).then(() => fetch(`${url}/healthz`, { headers: { 'x-request-id': id } })),
      ),
    );
    expect(responses.map((res) => res.headers.get('x-request-id'))).toEqual(turns);
    for (const [i, id] of turns.entries()) {
      const decisions = linesOf(id).filter((line) => line.msg === 'faq decision');
      expect(decisions.map((line) => line.query)).toEqual([i ? 'how much do they earn?' : 'what skills do I need?']);
    }
  });

  it('gives a request without a usable id a new one', async () => {
    const given = await fetch(`${url}/healthz`, { headers: { 'x-request-id': `${'x'.repeat(60)} and more` } });
    const none = await fetch(`${url}/healthz`);
    const ids = [given.headers.get('x-request-id'), none.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});

describe('GET /readyz and store errors', () => {
  const tempDir = useTempDirs('faq-readyz-');
  let bot: Running;
  let dir: string;
  beforeAll(async () => {
    dir = path.join(tempDir(), 'state');
    mkdirSync(dir);
    bot = await startBot({ STATE_STORE: 'file', STATE_DIR: dir });
  });
  afterAll(() => bot.stop());

  it('is ready while the file store answers, and not ready (503) once it cannot, with store errors counted', async () => {
    const ready = await getJson(bot.url, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: { kind: 'file', ok: true } });
    expect((await getJson(bot.url, '/healthz')).status).toBe(200);

    // The folder is gone and a plain file stands in its way: every read and write now fails.
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'not a folder');
    const errorsBefore = await sample(bot.url, 'state_store_errors_total{operation="write"}');
    const down = await getJson(bot.url, '/readyz');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'not ready', store: { kind: 'file', ok: false } });
    expect(down.raw).not.toContain(dir);
    // A question is still answered, and liveness does not depend on the store.
    const answered = await say(bot.url, 'how much does an account manager earn?');
    expect(answered.messages.length).toBeGreaterThan(0);
    expect((await getJson(bot.url, '/healthz')).status).toBe(200);
    expect(await sample(bot.url, 'state_store_errors_total{operation="write"}')).toBeGreaterThan(errorsBefore);
  });
});
