// The composition root. createBot wires the FAQ service, the guided flows and the bot, for every
// host: the HTTP server (createApp, used by src/index.ts and the protocol tests), the terminal chat
// and the dialog tests. createApp adds the knowledge base, the state store, the adapter with
// cached auth and the HTTP server, so the tests exercise exactly the wiring that runs in production.
import { MemoryStorage, type Storage } from 'botbuilder';
import path from 'node:path';
import type { Server } from 'restify';
import { FlowRouter } from '../dialogs/flow-router';
import { FaqBot, renderCopy } from './bots/faq-bot';
import type { Config } from './config';
import type { DecisionListener } from './faq/decision';
import { FaqService } from './faq/service';
import { loadKnowledge, type KnowledgeBase } from './knowledge/load';
import type { Logger } from './lib/log';
import { createFlowKit, type FlowKit } from './flows/index';
import { QuestionRecorder } from './learning/recorder';
import { QUESTION_LOG_FILE, SqliteQuestionLog } from './learning/sqlite-log';
import { Metrics } from './server/metrics';
import { createAdapter, createServer, type BotServerAdapter, type Readiness } from './server/server';
import { lockStateDir } from './storage/dir-lock';
import { FileStorage } from './storage/file-storage';
import { ObservedStorage } from './storage/observed-storage';

export interface App {
  config: Config;
  kb: KnowledgeBase;
  faq: FaqService;
  kit: FlowKit;
  storage: Storage;
  metrics: Metrics;
  /** The record of unanswered questions; absent when it could not be opened. */
  recorder?: QuestionRecorder;
  bot: FaqBot;
  adapter: BotServerAdapter;
  server: Server;
}

/** The bot over a knowledge base: FAQ service, flow kit, the flow router on `storage` (memory by default), FaqBot. */
export function createBot(
  kb: KnowledgeBase,
  options: {
    storage?: Storage;
    logger?: Logger;
    maxTextChars?: number;
    faq?: FaqService;
    kit?: FlowKit;
    applyUrl?: string;
    onDecision?: DecisionListener;
    onForget?: (userId: string | undefined) => void;
  } = {},
): { faq: FaqService; kit: FlowKit; router: FlowRouter; bot: FaqBot } {
  const faq = options.faq ?? new FaqService(kb, { applyUrl: options.applyUrl });
  const kit = options.kit ?? createFlowKit(kb);
  const router = new FlowRouter(kit, faq, renderCopy(faq), options.storage ?? new MemoryStorage(), options.logger);
  const bot = new FaqBot(faq, {
    maxTextChars: options.maxTextChars,
    logger: options.logger,
    flows: { router, kit },
    onDecision: options.onDecision,
    onForget: options.onForget,
  });
  return { faq, kit, router, bot };
}

/**
 * Throws KnowledgeError (from loadKnowledge) when the knowledge base is broken, and
 * StateDirLockedError when another running instance uses the same STATE_DIR.
 */
export function createApp(config: Config, logger: Logger): App {
  const kb = loadKnowledge(config.knowledgeDir);
  const storage: Storage = config.stateStore === 'memory' ? new MemoryStorage() : fileStorage(config.stateDir);
  const metrics = new Metrics();
  const observed = new ObservedStorage(storage, metrics.recordStoreError);
  const recorder = openRecorder(config, logger, metrics);
  const onDecision: DecisionListener = (event) => {
    metrics.recordDecision(event);
    recorder?.record(event);
  };
  const { faq, kit, bot } = createBot(kb, {
    storage: observed,
    logger,
    maxTextChars: config.maxTextChars,
    applyUrl: config.webchat.applyUrl,
    onDecision,
    onForget: recorder?.forget,
  });
  const adapter = createAdapter(config, logger, kb.messages.turnError);
  const server = createServer({
    bot,
    adapter,
    config,
    logger,
    faq,
    ask: config.ask,
    entries: kb.entries.length,
    metrics,
    onDecision,
    ready: () => storeReadiness(config.stateStore, observed, logger),
    webchat: { webchat: config.webchat, directLine: config.directLine, data: kb, turnErrorReply: kb.messages.turnError },
  });
  return { config, kb, faq, kit, storage, metrics, recorder, bot, adapter, server };
}

/**
 * The record of unanswered questions: a SQLite file beside the file store's state, or in memory
 * with the memory store. A file that cannot be opened (corrupt, read-only disk) must not keep the
 * bot from answering: it runs without the record and says so.
 */
function openRecorder(config: Config, logger: Logger, metrics: Metrics): QuestionRecorder | undefined {
  const file = config.stateStore === 'memory' ? ':memory:' : path.join(config.stateDir, QUESTION_LOG_FILE);
  try {
    const log = new SqliteQuestionLog(file, { salt: config.learning.salt });
    return new QuestionRecorder(log, logger, metrics.recordQuestionLogError);
  } catch (err) {
    metrics.recordQuestionLogError();
    logger.error(
      { err: err instanceof Error ? err.message : String(err), file },
      'the record of unanswered questions could not be opened; the bot runs without it',
    );
    return undefined;
  }
}

/** How long /readyz waits for the state store. */
const READY_TIMEOUT_MS = 2000;
const READY_KEY = 'readiness-probe';

/** Ready when the state store takes a write and reads it back in time (the file store answers
 * reads of unwritten keys from memory, so only a write reaches its disk). The reason for a
 * failure goes to the log, not to the caller. */
async function storeReadiness(kind: string, storage: Storage, logger: Logger): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    const probe = async () => {
      await storage.write({ [READY_KEY]: { checkedAt: new Date().toISOString(), eTag: '*' } });
      if (!(await storage.read([READY_KEY]))[READY_KEY]) throw new Error('the probe written was not read back');
    };
    await Promise.race([probe(), timeout]);
    return { ready: true, store: { kind, ok: true } };
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'readiness: the state store did not answer');
    return { ready: false, store: { kind, ok: false, error: 'the state store did not answer' } };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The file store, once this process holds its folder (released when the process exits), without
 * the temp files of writes a crash cut short: with the lock held, no other write is in progress.
 */
function fileStorage(dir: string): FileStorage {
  lockStateDir(dir);
  const storage = new FileStorage(dir);
  storage.removeTempFiles();
  return storage;
}

const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Deletes state not touched for `stateTtlDays` from the file store, now and every few hours, so
 * the folder does not keep every conversation ever held. Returns a function that stops it.
 */
export function startStatePruning(app: App, logger: Logger): () => void {
  const storage = app.storage;
  if (!(storage instanceof FileStorage)) return () => undefined;
  const maxAgeMs = app.config.stateTtlDays * 24 * 60 * 60 * 1000;
  const prune = () =>
    storage.prune(maxAgeMs).then(
      (removed) => removed && logger.info({ removed }, 'removed expired conversation state'),
      (error: unknown) =>
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not prune conversation state'),
    );
  void prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
