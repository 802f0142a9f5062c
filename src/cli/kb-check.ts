// `npm run kb:check [DIR]`: validates the knowledge base the way the bot does at start-up and
// lists every problem with its file, line and field, so an editor can fix them all in one pass.
// Warnings (answers over 80 words, likely misspellings, near-copies of development questions)
// leave the exit code at 0.
import path from 'node:path';
import { findLongAnswers, MAX_ANSWER_WORDS } from '../knowledge/answer-length';
import { defaultKnowledgeDir, entryLocator, type EntryPath, formatProblem, KnowledgeError, loadKnowledge } from '../knowledge/load';
import { findFixtureCopies, readFixtureQuestions } from '../knowledge/near-copy';
import { findLikelyTypos } from '../knowledge/typo-lint';
import { loadSelfTestData } from '../eval/self-test/data';
import { tuningFingerprint } from '../eval/tune/fingerprint';
import { repoRoot } from '../lib/paths';

const dir = process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? defaultKnowledgeDir;
const FIXTURES = path.join('test', 'fixtures', 'eval');
try {
  const kb = loadKnowledge(dir);
  const alternates = kb.entries.reduce((n, e) => n + e.alternates.length, 0);
  const counterexamples = kb.entries.reduce((n, e) => n + e.counterexamples.length, 0);
  console.log(
    `knowledge base OK: ${kb.entries.length} entries, ${alternates} alternate questions, ` +
      `${counterexamples} counterexamples, ${kb.smalltalk.intents.length} small-talk intents, ` +
      `${kb.synonyms.groups.length} synonym groups (${dir})`,
  );
  const selfTest = loadSelfTestData(dir);
  console.log(
    `self-test data OK: ${selfTest.occupations.length} occupations, ${selfTest.uncovered.questions.length} uncovered aspects, ${selfTest.general.length} general questions`,
  );
  if (kb.tuning.fitted.knowledge !== tuningFingerprint(kb, selfTest)) {
    console.log('\ntuning.yaml was fitted on another version of the knowledge base: run `npm run tune`.');
  }
  // The entry files are read again, with their lines, only when there is a hint to point at.
  let locate: ReturnType<typeof entryLocator> | undefined;
  const where = (entryId: string, p: EntryPath) => (locate ??= entryLocator(dir))(entryId, p) ?? entryId;
  const long = findLongAnswers(kb);
  if (long.length) {
    console.log(`\n${long.length} answer(s) over ${MAX_ANSWER_WORDS} words; lead with the answer in at most ${MAX_ANSWER_WORDS}:`);
    for (const a of long) console.log(`  ${where(a.entryId, ['answer'])} ${a.entryId}: ${a.words} words`);
  }
  const typos = findLikelyTypos(kb);
  if (typos.length) {
    console.log(`\n${typos.length} likely misspelling(s); the bot repairs typing slips itself, so write these correctly:`);
    for (const t of typos) console.log(`  ${where(t.entryId, t.path)} ${t.entryId}: "${t.word}" (did you mean "${t.meant}"?)`);
  }
  const copies = findFixtureCopies(kb, readFixtureQuestions(path.join(repoRoot, FIXTURES), FIXTURES));
  if (copies.length) {
    console.log(`\n${copies.length} near-copy(ies) of development questions; delete them (the questions are a test set):`);
    for (const c of copies) console.log(`  ${c.entryId} ${c.field}: "${c.text}" (like ${c.where})`);
  }
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(`knowledge base has ${error.problems.length} problem(s) (${dir}):`);
  for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
  process.exitCode = 1;
}
