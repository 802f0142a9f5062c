// Folds by position: fold f holds out every entry's alternates (and counterexamples) whose position
// modulo the fold count is f, so each entry is tested in every fold on phrasings its index lacks.
import { buildKnowledgeBase, type KnowledgeBase } from '../../knowledge/load';

export function foldOf(position: number, folds: number): number {
  return position % folds;
}

/** The knowledge base without the fold's alternates and counterexamples, its derived data rebuilt. */
export function withoutFold(kb: KnowledgeBase, fold: number, folds: number): KnowledgeBase {
  const kept = (_: string, i: number) => foldOf(i, folds) !== fold;
  return buildKnowledgeBase({
    ...kb,
    entries: kb.entries.map((e) => ({
      ...e,
      alternates: e.alternates.filter(kept),
      counterexamples: e.counterexamples.filter(kept),
    })),
  });
}
