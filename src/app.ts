// Builds the whole bot from a configuration: knowledge base, FAQ service, adapter with cached
// auth, the bot and the HTTP server. Used by src/index.ts (npm start) and by the protocol tests, so
// the tests exercise exactly the wiring that runs in production.
import type { Server } from 'restify';
import { FaqBot } from './bot';
import type { Config } from './config';
import { FaqService } from './faq/service';
import { loadKnowledge, type KnowledgeBase } from './knowledge/load';
import type { Logger } from './log';
import { createAdapter, createServer, type BotServerAdapter } from './server';

export interface App {
  config: Config;
  kb: KnowledgeBase;
  faq: FaqService;
  bot: FaqBot;
  adapter: BotServerAdapter;
  server: Server;
}

/** Throws KnowledgeError (from loadKnowledge) when the knowledge base is broken. */
export function createApp(config: Config, logger: Logger): App {
  const kb = loadKnowledge(config.knowledgeDir);
  const faq = new FaqService(kb);
  const bot = new FaqBot(faq, { maxTextChars: config.maxTextChars, logger });
  const adapter = createAdapter(config, logger);
  const server = createServer({ bot, adapter, config, logger, faq, entries: kb.entries.length });
  return { config, kb, faq, bot, adapter, server };
}
