// The /api/messages throughput part of the bench: each bot (the stock echo bot, the echo bot on
// this server, this bot) started afresh and loaded in turn, round after round.
import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuMs, type Noise } from './cpu';
import { procMemory, startServer, stopServer, type Started } from './proc';
import { checkReply, runLoad, type CheckedReply, type LoadResult } from './throughput';
import { median } from '../lib/stats';
import type { BenchOptions } from './options';
import { distEntry, log, steady } from './steady';
import { repoRoot } from '../lib/paths';

export interface LoadRun extends LoadResult {
  noise: Noise;
  /** Server CPU time per request (user + system): less sensitive to other load than requests/s. */
  serverCpuMsPerRequest: number;
  bot: BenchBot;
  channelId: string;
  mix: 'handful' | 'varied';
  round: number;
  rssAfterLoad: number;
  rssPeak: number;
  check: CheckedReply;
  recheck: CheckedReply;
}

interface Scenario {
  channelId: string;
  mix: 'handful' | 'varied';
  rounds: number;
}

/** Which loads to run: the handful mix on every channel (all rounds on the first, fewer on the
 * others), and the varied mix on the first channel. */
export function scenarios(o: Pick<BenchOptions, 'channels' | 'loadMix' | 'rounds'>): Scenario[] {
  const out: Scenario[] = [];
  const fewer = Math.max(1, Math.ceil(o.rounds / 2));
  if (o.loadMix !== 'varied')
    o.channels.forEach((channelId, i) => out.push({ channelId, mix: 'handful', rounds: i === 0 ? o.rounds : fewer }));
  if (o.loadMix !== 'handful' && o.channels.length)
    out.push({ channelId: o.channels[0], mix: 'varied', rounds: o.loadMix === 'varied' ? o.rounds : fewer });
  return out;
}

/** stock: the samples' echo bot; echo: the echo bot on this server; faq: this bot. */
export type BenchBot = 'stock' | 'echo' | 'faq';
const BENCH_BOTS: readonly BenchBot[] = ['stock', 'echo', 'faq'];
const ENTRY: Record<BenchBot, string> = { stock: 'bench/echo-bot-stock.js', echo: 'bench/echo-bot.js', faq: 'index.js' };

class ServerExited extends Error {}

function assertAlive(s: Started, bot: string): void {
  const { exitCode, signalCode } = s.child;
  if (exitCode !== null || signalCode !== null) {
    throw new ServerExited(
      `the ${bot} server (pid ${s.pid}) exited with ${signalCode ?? exitCode} during the run:\n${s.output().slice(-2000)}`,
    );
  }
}

/** One measured load on a freshly started server. */
async function loadRun(
  o: BenchOptions,
  bot: BenchBot,
  channelId: string,
  mix: 'handful' | 'varied',
  round: number,
  questions: string[],
  handful: string[],
): Promise<LoadRun> {
  const s: Started = await startServer({ args: [distEntry(ENTRY[bot])], cwd: repoRoot });
  try {
    const check = await checkReply(s.base, handful[0], channelId);
    // On the Emulator channel the FAQ bot must also send its FaqMatch trace.
    if (bot === 'faq' && channelId === 'emulator' && check.faqKind === null) {
      throw new Error('the FAQ bot sent no FaqMatch trace on the emulator channel');
    }
    if (check.status !== 200 || check.messages === 0) {
      throw new Error(`${bot} bot did not answer a message (status ${check.status}, activities ${check.kinds.join(',')}):\n${s.output()}`);
    }
    const load = { base: s.base, channelId, questions, connections: o.connections };
    const r = await steady(
      o,
      `${channelId}/${mix} ${bot} load`,
      async () => {
        if (o.warmupSec > 0) await runLoad({ ...load, durationSec: o.warmupSec });
        assertAlive(s, bot);
        const cpu0 = processCpuMs(s.pid);
        const result = await runLoad({ ...load, durationSec: o.durationSec });
        assertAlive(s, bot);
        return { ...result, serverCpuMsPerRequest: (processCpuMs(s.pid) - cpu0) / Math.max(1, result.ok + result.non2xx) };
      },
      [s.pid],
    );
    const mem = procMemory(s.pid);
    const recheck = await checkReply(s.base, handful[handful.length - 1], channelId);
    log(
      `      ${channelId}/${mix} round ${round} ${bot.padEnd(4)} ${r.rps.toFixed(0)} req/s, server CPU ${r.serverCpuMsPerRequest.toFixed(3)} ms/req, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; our processes ${r.noise.oursCores.toFixed(2)} cores, others ${r.noise.othersCores.toFixed(2)}`,
    );
    return { ...r, bot, channelId, mix, round, rssAfterLoad: mem.rss, rssPeak: mem.rssPeak, check, recheck };
  } catch (error) {
    if (!(error instanceof ServerExited)) {
      await sleep(200); // let the exit event arrive if the server is gone
      assertAlive(s, bot);
    }
    throw error;
  } finally {
    await stopServer(s);
  }
}

export async function throughputBench(o: BenchOptions, mixes: Record<'handful' | 'varied', string[]>) {
  const plan = scenarios(o);
  log(
    `[5/5] throughput: ${o.connections} connections, ${o.durationSec} s per run after ${o.warmupSec} s warm-up; ` +
      plan.map((p) => `${p.channelId}/${p.mix} x${p.rounds}`).join(', ') +
      ` (handful: ${mixes.handful.length} questions, varied: ${mixes.varied.length})`,
  );
  const runs: LoadRun[] = [];
  for (const { channelId, mix, rounds } of plan) {
    const questions = mixes[mix];
    // Alternate stock, echo, faq, stock ... so drift (thermal, noisy neighbours) hits all alike.
    for (let round = 1; round <= rounds; round++) {
      for (const bot of BENCH_BOTS) {
        // A server that dies mid-run (killed from outside, crashed) is restarted, twice at most.
        for (let attempt = 1; ; attempt++) {
          try {
            runs.push(await loadRun(o, bot, channelId, mix, round, questions, mixes.handful));
            break;
          } catch (error) {
            if (!(error instanceof ServerExited) || attempt >= 3) throw error;
            log(`      ${error.message}; starting it again`);
          }
        }
      }
    }
  }
  // A ratio is the median over rounds of faq/baseline within a round (the runs of a round are back
  // to back), which drift between rounds (this machine's speed varies by tens of percent) cannot bias.
  const summary = plan.map(({ channelId, mix }) => {
    const of = (bot: BenchBot) => runs.filter((r) => r.channelId === channelId && r.mix === mix && r.bot === bot);
    const faqRuns = of('faq');
    const against = (bot: 'stock' | 'echo') => {
      const base = of(bot);
      const pairs = faqRuns
        .map((f) => [base.find((e) => e.round === f.round), f] as const)
        .filter((p): p is readonly [LoadRun, LoadRun] => !!p[0]);
      return {
        rps: median(base.map((r) => r.rps)),
        cpuMs: median(base.map((r) => r.serverCpuMsPerRequest)),
        ratio: median(pairs.map(([e, f]) => f.rps / e.rps)),
        ratios: pairs.map(([e, f]) => Math.round((100 * f.rps) / e.rps) / 100),
        cpuRatio: median(pairs.map(([e, f]) => e.serverCpuMsPerRequest / f.serverCpuMsPerRequest)),
        rounds: pairs.length,
      };
    };
    return {
      channelId,
      mix,
      faqRps: median(faqRuns.map((r) => r.rps)),
      faqCpuMs: median(faqRuns.map((r) => r.serverCpuMsPerRequest)),
      stock: against('stock'),
      echo: against('echo'),
    };
  });
  return { runs, summary };
}

/** Other processes using more than this many cores during a measurement make it unreliable. */
