// The stricter baseline of the throughput benchmark: botbuilder's echo bot (an ActivityHandler that
// repeats the text, as in the Bot Framework samples), started exactly like the FAQ bot: same
// configuration, logger, adapter with cached auth, and server factory (src/server/server.ts). Only
// the bot differs, so this ratio isolates the cost of the FAQ bot's turn. The issue's own baseline,
// the echo bot wired as the samples wire it, is src/bench/echo-bot-stock.ts.
// Run: node dist/src/bench/echo-bot.js (PORT, HOST, LOG_LEVEL as for npm start).
import { ActivityHandler, MessageFactory } from 'botbuilder';
import { loadConfig, loadDotEnv } from '../config';
import { createLogger } from '../lib/log';
import { createAdapter } from '../server/adapter';
import { close, createServer, listen } from '../server/server';

export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const replyText = `Echo: ${context.activity.text}`;
      await context.sendActivity(MessageFactory.text(replyText, replyText));
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity(MessageFactory.text('Hello and welcome!'));
      }
      await next();
    });
  }
}

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // A baseline, not the product: it says what botbuilder's samples say when a turn fails.
  const adapter = createAdapter(config, logger, 'Sorry, it looks like something went wrong.');
  const server = createServer({ bot: new EchoBot(), adapter, config, logger, entries: 0 });
  const { url } = await listen(server, config.port, config.host);
  logger.info({ url }, `echo bot listening on ${url}`);
  const stop = () => close(server, 5000).then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`echo bot did not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
