// `npm run kb:check [DIR]`: validates the knowledge base the way the bot does at start-up and
// lists every problem with its file, line and field, so an editor can fix them all in one pass.
import { defaultKnowledgeDir, formatProblem, KnowledgeError, loadKnowledge } from '../knowledge/load';

const dir = process.argv[2] ?? process.env.KNOWLEDGE_DIR ?? defaultKnowledgeDir;
try {
  const kb = loadKnowledge(dir);
  const alternates = kb.entries.reduce((n, e) => n + e.alternates.length, 0);
  console.log(`knowledge base OK: ${kb.entries.length} entries, ${alternates} alternate questions, ` +
    `${kb.smalltalk.intents.length} small-talk intents, ${kb.synonyms.groups.length} synonym groups (${dir})`);
} catch (error) {
  if (!(error instanceof KnowledgeError)) throw error;
  console.error(`knowledge base has ${error.problems.length} problem(s) (${dir}):`);
  for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
  process.exitCode = 1;
}
