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
import { QuestionRecorder, type Feedback } from './learning/recorder';
import type { QuestionLog } from './learning/records';
import { QUESTION_LOG_FILE, SqliteQuestionLog } from './learning/sqlite-log';
import { Metrics } from './server/metrics';
import { openRedisStores } from './server/redis-stores';
import type { ConversationNotes, Stores } from './server/stores';
import { createAdapter, type BotServerAdapter } from './server/adapter';
import { createServer, type Readiness } from './server/server';
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
  /** Waits for the question log's writes, then closes it and the Redis connection (after the server). */
  closeStores: () => Promise<void>;
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
    onFeedback?: (feedback: Feedback) => void;
    /** Where follow-up context and Slack's offered options are noted; this process's memory by default. */
    notes?: ConversationNotes;
  } = {},
): { faq: FaqService; kit: FlowKit; router: FlowRouter; bot: FaqBot } {
  const faq = options.faq ?? new FaqService(kb, { applyUrl: options.applyUrl });
  const kit = options.kit ?? createFlowKit(kb);
  const storage = options.storage ?? new MemoryStorage();
  const router = new FlowRouter(kit, faq, renderCopy(faq), storage, options.logger, options.notes?.lastAnswers);
  const bot = new FaqBot(faq, {
    maxTextChars: options.maxTextChars,
    logger: options.logger,
    flows: { router, kit },
    onDecision: options.onDecision,
    onForget: options.onForget,
    onFeedback: options.onFeedback,
    offeredOptions: options.notes?.offeredOptions,
    awaitingFeedback: options.notes?.awaitingFeedback,
  });
  return { faq, kit, router, bot };
}

/**
 * Throws KnowledgeError (from loadKnowledge) when the knowledge base is broken, and
 * StateDirLockedError when another running instance uses the same STATE_DIR.
 */
export function createApp(config: Config, logger: Logger): App {
  const kb = loadKnowledge(config.knowledgeDir);
  const metrics = new Metrics();
  const stores = openStores(config, logger, metrics);
  const storage = stores.storage;
  const observed = new ObservedStorage(storage, metrics.recordStoreError);
  const recorder = openRecorder(stores.questions, logger, metrics);
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
    onFeedback: recorder?.feedback,
    notes: stores.notes,
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
    limiter: stores.limiter,
    ready: () => storeReadiness(config.stateStore, observed, logger),
    admin: config.adminToken
      ? { token: config.adminToken, log: recorder?.log, titles: new Map(kb.entries.map((e) => [e.id, e.title])) }
      : undefined,
    webchat: {
      webchat: config.webchat,
      directLine: config.directLine,
      data: kb,
      turnErrorReply: kb.messages.turnError,
      registry: stores.conversations,
    },
  });
  const closeStores = async () => {
    await recorder?.close();
    await stores.close();
  };
  return { config, kb, faq, kit, storage, metrics, recorder, bot, adapter, server, closeStores };
}

/** The state store and the question log of STATE_STORE: memory, a folder, or one Redis for every instance. */
function openStores(config: Config, logger: Logger, metrics: Metrics): Stores {
  if (config.stateStore === 'redis') return openRedisStores(config, logger, metrics);
  const memory = config.stateStore === 'memory';
  return {
    storage: memory ? new MemoryStorage() : fileStorage(config.stateDir),
    questions: () =>
      new SqliteQuestionLog(memory ? ':memory:' : path.join(config.stateDir, QUESTION_LOG_FILE), { salt: config.learning.salt }),
    close: async () => undefined,
  };
}

/**
 * The record of unanswered questions. A log that cannot be opened (a corrupt file, a read-only
 * disk) must not keep the bot from answering: it runs without the record and says so.
 */
function openRecorder(open: () => QuestionLog, logger: Logger, metrics: Metrics): QuestionRecorder | undefined {
  try {
    return new QuestionRecorder(open(), logger, metrics.recordQuestionLogError);
  } catch (err) {
    metrics.recordQuestionLogError();
    logger.error(
      { err: err instanceof Error ? err.message : String(err) },
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
