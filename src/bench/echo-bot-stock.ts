// The literal baseline for the throughput benchmark: botbuilder's stock echo bot wired the
// way the Bot Framework samples wire it (restify, `CloudAdapter` over the stock
// `ConfigurationBotFrameworkAuthentication`, `adapter.process`), with none of this project's
// server: no request checks and no cached connector clients. src/bench/echo-bot.ts is the stricter
// baseline (the same echo bot on this project's server). Started like the FAQ bot:
// node dist/src/bench/echo-bot-stock.js with PORT and HOST.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import * as restify from 'restify';
import { EchoBot } from './echo-bot';
import { loadConfig, loadDotEnv } from '../config';
import { authOptionsFrom } from '../server/auth';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authOptionsFrom(config)));
  const bot = new EchoBot();
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`stock echo bot did not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
