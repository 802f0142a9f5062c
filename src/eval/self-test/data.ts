// Reads knowledge/self-test.yaml, the word lists and sentence pools the corpus is made from.
// Problems come back as the knowledge base's own (file, line, field), so kb:check prints them alike.
import { defaultKnowledgeDir, KnowledgeError, readYaml, type Problem } from '../../knowledge/load';
import { selfTestFileSchema, type SelfTestData } from '../../knowledge/self-test-schema';

export const SELF_TEST_FILE = 'self-test.yaml';

export function loadSelfTestData(dir: string = defaultKnowledgeDir): SelfTestData {
  const problems: Problem[] = [];
  const parsed = readYaml(dir, SELF_TEST_FILE, selfTestFileSchema, problems, true);
  if (!parsed) throw new KnowledgeError(problems);
  return parsed.data;
}
