// `npm start`: configuration, logger, knowledge base, bot, server, graceful shutdown. Wiring only.
import { setFlagsFromString } from 'node:v8';
import { createApp, startStatePruning, type App } from './app';
import { ConfigError, configWarnings, describeConfig, loadConfig, loadDotEnv } from './config';
import { KnowledgeError, formatProblem } from './knowledge/load';
import { createLogger } from './lib/log';
import { close, listen } from './server/server';
import { startBanner } from './server/start-banner';

async function main(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  for (const warning of configWarnings(config)) logger.warn(warning);
  // Under load most of a turn's garbage outlives a young-generation collection; by default V8 then
  // lets the heap grow to about four times what is live before collecting it (RSS 140 -> 300 MB).
  if (config.heapGrowingPercent) setFlagsFromString(`--heap-growing-percent=${config.heapGrowingPercent}`);

  let app: App;
  try {
    app = createApp(config, logger);
  } catch (err) {
    if (err instanceof KnowledgeError) {
      // Refuse to start half-working: say exactly what to fix, then stop.
      process.stderr.write(
        `The bot did not start: the knowledge base in ${config.knowledgeDir} has ${err.problems.length} problem(s):\n` +
          err.problems.map((p) => `  ${formatProblem(p)}\n`).join('') +
          'Fix them (npm run kb:check re-checks without starting the bot) and start again.\n',
      );
      process.exit(1);
    }
    throw err;
  }

  const { url } = await listen(app.server, config.port, config.host);
  logger.info({ ...describeConfig(config), url, entries: app.kb.entries.length }, `careers FAQ bot listening on ${url}`);
  // The log is JSON lines for machines; a person at a terminal also gets where to go, on stderr.
  if (process.stderr.isTTY) process.stderr.write(startBanner(url, config.adminToken !== undefined));
  const stopPruning = startStatePruning(app, logger);
  const stopQuestionPruning = app.recorder?.startPruning(config.learning.retentionDays);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopPruning();
    stopQuestionPruning?.();
    close(app.server, 5000).then(async () => {
      await app.closeStores().catch(() => undefined);
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`The bot did not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
