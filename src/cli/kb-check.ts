// `npm run kb:check [DIR]`: validates the knowledge base the way the bot does at start-up and
// lists every problem with its file, line and field, so an editor can fix them all in one pass.
import { defaultKnowledgeDir, formatProblem, KnowledgeError, loadKnowledge } from '../knowledge/load';
import { findLikelyTypos } from '../knowledge/typo-lint';

const dir = process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? defaultKnowledgeDir;
try {
  const kb = loadKnowledge(dir);
  const alternates = kb.entries.reduce((n, e) => n + e.alternates.length, 0);
  console.log(`knowledge base OK: ${kb.entries.length} entries, ${alternates} alternate questions, ` +
    `${kb.smalltalk.intents.length} small-talk intents, ${kb.synonyms.groups.length} synonym groups (${dir})`);
  const typos = findLikelyTypos(kb);
  if (typos.length) {
    console.log(`\n${typos.length} likely misspelling(s); the bot repairs typing slips itself, so write these correctly:`);
    for (const t of typos) console.log(`  ${t.entryId}: "${t.word}" (did you mean "${t.meant}"?)`);
  }
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(`knowledge base has ${error.problems.length} problem(s) (${dir}):`);
  for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
  process.exitCode = 1;
}
