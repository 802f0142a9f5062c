// The composition root. createBot wires the FAQ service, the guided flows and the bot, for every
// host: the HTTP server (createApp, used by src/index.ts and the protocol tests), the terminal chat
// and the dialog tests. createApp adds the knowledge base, the state store, the adapter with
// cached auth and the HTTP server, so the tests exercise exactly the wiring that runs in production.
import { MemoryStorage, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import { FlowRouter } from '../dialogs/flow-router';
import { FaqBot, renderCopy } from './bots/faq-bot';
import type { Config } from './config';
import { FaqService } from './faq/service';
import { loadKnowledge, type KnowledgeBase } from './knowledge/load';
import type { Logger } from './lib/log';
import { createFlowKit, type FlowKit } from './flows/index';
import { createAdapter, createServer, type BotServerAdapter } from './server/server';
import { lockStateDir } from './storage/dir-lock';
import { FileStorage } from './storage/file-storage';

export interface App {
  config: Config;
  kb: KnowledgeBase;
  faq: FaqService;
  kit: FlowKit;
  storage: Storage;
  bot: FaqBot;
  adapter: BotServerAdapter;
  server: Server;
}

/** The bot over a knowledge base: FAQ service, flow kit, the flow router on `storage` (memory by default), FaqBot. */
export function createBot(
  kb: KnowledgeBase,
  options: { storage?: Storage; logger?: Logger; maxTextChars?: number; faq?: FaqService; kit?: FlowKit; applyUrl?: string } = {},
): { faq: FaqService; kit: FlowKit; router: FlowRouter; bot: FaqBot } {
  const faq = options.faq ?? new FaqService(kb, { applyUrl: options.applyUrl });
  const kit = options.kit ?? createFlowKit(kb);
  const router = new FlowRouter(kit, faq, renderCopy(faq), options.storage ?? new MemoryStorage(), options.logger);
  const bot = new FaqBot(faq, { maxTextChars: options.maxTextChars, logger: options.logger, flows: { router, kit } });
  return { faq, kit, router, bot };
}

/**
 * Throws KnowledgeError (from loadKnowledge) when the knowledge base is broken, and
 * StateDirLockedError when another running instance uses the same STATE_DIR.
 */
export function createApp(config: Config, logger: Logger): App {
  const kb = loadKnowledge(config.knowledgeDir);
  const storage: Storage = config.stateStore === 'memory' ? new MemoryStorage() : fileStorage(config.stateDir);
  const { faq, kit, bot } = createBot(kb, { storage, logger, maxTextChars: config.maxTextChars, applyUrl: config.webchat.applyUrl });
  const adapter = createAdapter(config, logger, kb.messages.turnError);
  const server = createServer({
    bot,
    adapter,
    config,
    logger,
    faq,
    ask: config.ask,
    entries: kb.entries.length,
    webchat: { webchat: config.webchat, directLine: config.directLine, data: kb, turnErrorReply: kb.messages.turnError },
  });
  return { config, kb, faq, kit, storage, bot, adapter, server };
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
