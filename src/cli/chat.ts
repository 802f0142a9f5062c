// `npm run chat`: talk to the same FaqBot in the terminal. A tiny in-process adapter (in the spirit
// of the BotBuilder samples' ConsoleAdapter) turns each line into a message activity and prints
// the bot's replies as plain text (no markdown marks), with suggested actions as numbered options:
// answer "2" to pick the second one; options that are numbers themselves (a rating's 1-5) are
// answered as they are. `quit` or `exit` ends the chat. Works interactively and with
// piped input:
//   printf 'hi\nwhat do account managers earn\n' | npm run chat
// The guided flows work here too ("walk me through the career path"), with their state in memory.
// Options: --debug prints the FaqMatch trace (kind, score, top ids) of every answer.
import { createInterface } from 'node:readline';
import { createBot } from '../app';
import { ConsoleAdapter, isMessage, isTrace, type OutgoingActivity } from '../channels/console-adapter';
import { ConfigError, loadConfig, loadDotEnv } from '../config';
import { KnowledgeError, formatProblem, loadKnowledge, type KnowledgeBase } from '../knowledge/load';
import { pickOption, terminalMessage, type TerminalMessage } from '../render/terminal';

async function main(): Promise<void> {
  const debug = process.argv.includes('--debug');
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
  let kb: KnowledgeBase;
  try {
    kb = loadKnowledge(config.knowledgeDir);
  } catch (err) {
    if (err instanceof KnowledgeError) {
      process.stderr.write(
        `The knowledge base in ${config.knowledgeDir} has problems:\n${err.problems.map((p) => `  ${formatProblem(p)}\n`).join('')}`,
      );
      process.exit(1);
    }
    throw err;
  }
  // The guided flows keep their state in memory here: a terminal session is one conversation.
  const { bot } = createBot(kb, { maxTextChars: config.maxTextChars, applyUrl: config.webchat.applyUrl });
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const out = (s: string) => process.stdout.write(`${s}\n`);

  // Options offered by the bot's latest message, so the user can answer with their number.
  let offered: Pick<TerminalMessage, 'options' | 'numbered'> = { options: [], numbered: true };
  const print = (activity: OutgoingActivity) => {
    if (isTrace(activity)) {
      if (debug && activity.name === 'FaqMatch') out(`  [FaqMatch] ${JSON.stringify(activity.value)}`);
      return;
    }
    if (!isMessage(activity)) return;
    const shown = terminalMessage(activity);
    offered = shown;
    out(`Bot: ${shown.text.replace(/\n/g, '\n     ')}`);
  };
  // --debug uses the Emulator channel id: that is the channel the bot sends its trace to.
  const adapter = new ConsoleAdapter(print, debug ? 'emulator' : 'console');
  adapter.onTurnError = async (context, error) => {
    process.stderr.write(`turn failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await context.sendActivity(kb.messages.turnError);
  };
  await adapter.join(bot);

  const rl = createInterface({ input: process.stdin, terminal: interactive });
  const prompt = () => {
    if (interactive) process.stdout.write('You: ');
  };
  prompt();
  for await (const line of rl) {
    const typed = line.trim();
    if (!typed) {
      prompt();
      continue;
    }
    // The same with piped input: what follows `quit` is not read, as it would not be typed.
    if (/^(quit|exit)$/i.test(typed)) {
      if (!interactive) out(`You: ${typed}`);
      break;
    }
    const text = pickOption(typed, offered);
    if (!interactive) out(`You: ${text}`);
    else if (text !== typed) out(`     (${text})`);
    await adapter.say(bot, text);
    prompt();
  }
  rl.close();
}

main().catch((err) => {
  process.stderr.write(`chat failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
