// GET /api/ask?q=: one question answered as JSON, for recruiters' tools and the judge. It skips the
// bot altogether: FaqService decides, and the decision is written as the document in
// docs/http-api.md. Pages on the origins in ASK_ALLOWED_ORIGINS may call it (CORS, cors.ts); each
// client address may ask ASK_REQUESTS_PER_MINUTE questions a minute, then gets a 429. Its OpenAPI
// 3.1 description, resources/api/openapi.json, is served as it is at GET /api/openapi.json.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Server } from 'restify';
import type { Decision, DecisionListener } from '../faq/decision';
import type { FaqApi } from '../faq/port';
import { sendError, sendJson, sendJsonText, type Json } from '../lib/http';
import type { Logger } from '../lib/log';
import { repoRoot } from '../lib/paths';
import type { Now } from '../lib/rate-limit';
import { MemoryLimiter, type Limiter } from '../storage/limiter';
import { clientAddress } from '../lib/request';
import { answerOptions, applyCors, type AllowedOrigins } from './cors';

export interface AskOptions {
  /** The FAQ service; without it /api/ask answers 503. */
  faq?: Pick<FaqApi, 'ask'>;
  /** Longest accepted question (MAX_TEXT_CHARS). */
  maxTextChars: number;
  logger: Logger;
  /** Origins whose pages may read the answers (ASK_ALLOWED_ORIGINS); none by default. */
  allowedOrigins?: AllowedOrigins;
  /** Requests a minute per client address (ASK_REQUESTS_PER_MINUTE); unset: no limit. */
  requestsPerMinute?: number;
  /** Told of every decision answered (channel "api"). */
  onDecision?: DecisionListener;
  /** Where requestsPerMinute is counted (shared by instances on Redis); this process's memory by default. */
  limiter?: (perMinute: number) => Limiter;
  now?: Now;
}

/** The /api/ask response for one decision. `suggestions`: the did-you-mean choices for a clarify;
 * the runners-up (the other top candidates) for an answer; empty for fallback and small talk, so a
 * declined question never comes with look-alike suggestions. */
export function askResponse(decision: Decision): Json {
  const body: Json = { query: decision.query, kind: decision.kind, score: decision.score };
  let suggestions = decision.kind === 'clarify' ? (decision.choices ?? []) : [];
  if (decision.kind === 'answer' && decision.answer) {
    const answer = decision.answer;
    body.answer = { id: answer.id, title: answer.title, text: answer.text, followUps: answer.followUps };
    suggestions = decision.top.filter((t) => t.id !== answer.id);
  }
  body.suggestions = suggestions.map(({ id, title, score }) => ({ id, title, score }));
  if (decision.reply !== undefined && (decision.kind === 'smalltalk' || decision.kind === 'fallback')) {
    body.reply = decision.reply;
  }
  return body;
}

export const OPENAPI_FILE = path.join(repoRoot, 'resources', 'api', 'openapi.json');

/** The description, read once; undefined (and logged) when the file cannot be read. */
function readOpenApi(logger: Logger): string | undefined {
  try {
    return JSON.stringify(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')));
  } catch (err) {
    logger.error({ err, file: OPENAPI_FILE }, 'the OpenAPI description of /api/ask could not be read');
    return undefined;
  }
}

export function registerAsk(server: Server, options: AskOptions): void {
  const allowed = options.allowedOrigins ?? [];
  const perMinute = options.requestsPerMinute;
  const limiter = perMinute ? (options.limiter?.(perMinute) ?? new MemoryLimiter(perMinute, options.now)) : undefined;
  // restify wants a handler that is async or takes next; the answer is written synchronously.
  server.get('/api/ask', async (req, res) => {
    applyCors(req, res, allowed);
    // Every request counts, refused ones too: a client retrying a bad request is still calling.
    const wait = limiter ? await limiter.take(clientAddress(req)) : 0;
    if (wait) sendError(res, 429, 'too many questions from this address; try again shortly', false, { 'Retry-After': wait });
    else answer(req, res, options);
  });
  server.opts('/api/ask', async (req, res) => answerOptions(req, res, allowed, ['GET']));

  const openApi = readOpenApi(options.logger);
  server.get('/api/openapi.json', async (req, res) => {
    applyCors(req, res, allowed);
    if (openApi === undefined) sendError(res, 500, 'the API description is not available');
    else sendJsonText(res, 200, openApi, false, { 'Cache-Control': 'public, max-age=300' });
  });
  server.opts('/api/openapi.json', async (req, res) => answerOptions(req, res, allowed, ['GET']));
}

function answer(req: IncomingMessage, res: ServerResponse, { faq, maxTextChars, logger, onDecision }: AskOptions): void {
  if (!faq) {
    sendError(res, 503, 'this server has no FAQ service');
    return;
  }
  const url = req.url ?? '';
  const queryStart = url.indexOf('?');
  const params = new URLSearchParams(queryStart >= 0 ? url.slice(queryStart + 1) : '');
  const q = params.get('q');
  if (q === null) {
    sendError(res, 400, 'the "q" query parameter is required, e.g. /api/ask?q=what+does+an+account+manager+do');
    return;
  }
  const text = q.trim();
  if (!text) {
    sendError(res, 400, 'the "q" query parameter must not be empty');
    return;
  }
  if (text.length > maxTextChars) {
    sendError(res, 400, `the "q" query parameter is longer than ${maxTextChars} characters`);
    return;
  }
  try {
    const decision = faq.ask(text);
    sendJson(res, 200, askResponse(decision));
    onDecision?.({ decision, channel: 'api', fromQuestion: true });
  } catch (err) {
    logger.error({ err }, 'unexpected error on /api/ask');
    sendError(res, 500, 'internal error');
  }
}
