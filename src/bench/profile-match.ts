// A steady FaqService.ask loop to profile, on the real or a synthetic knowledge base:
//   npm run build && node --cpu-prof --cpu-prof-dir=reports/prof dist/src/bench/profile-match.js [--entries 10000] [--seconds 10]
// then open the .cpuprofile in Chrome DevTools (Performance tab) or VS Code. Index building is
// in the profile too; it happens once, before the loop.
import { performance } from 'node:perf_hooks';
import { FaqService } from '../faq/service';
import { loadKnowledge } from '../knowledge/load';
import { queryMix } from './queries';
import { syntheticKnowledgeBase } from './synthetic-kb';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const entries = arg('--entries', 0);
const seconds = arg('--seconds', 10);
let kb = loadKnowledge();
if (entries > 0) kb = syntheticKnowledgeBase(kb, { entries });
const t0 = performance.now();
const service = new FaqService(kb, { cacheSize: 0 }); // every call ranks
const built = performance.now() - t0;
const queries = queryMix(kb, 2000, 7).queries;
let calls = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  for (let i = 0; i < 100; i++) service.ask(queries[calls++ % queries.length]);
}
const ms = performance.now() - start;
console.log(
  `${kb.entries.length} entries: index built in ${built.toFixed(0)} ms; ${calls} asks in ${ms.toFixed(0)} ms (mean ${(ms / calls).toFixed(3)} ms)`,
);
