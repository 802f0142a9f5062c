// Asks every case of every fold of a service built on that fold's knowledge base, and judges it:
// a positive passes when its entry is answered outright, a negative when the bot falls back.
import type { Decision, DecisionKind } from '../../faq/decision';
import { FaqService } from '../../faq/service';
import type { KnowledgeBase } from '../../knowledge/load';
import { isPositive, type SelfTestCase } from './cases';
import type { SelfTestFold } from './corpus';

/** What the run needs of a service, so a tuner can pass one built with other parameters. */
export type AskService = Pick<FaqService, 'ask'>;
export type ServiceFactory = (kb: KnowledgeBase) => AskService;

export interface SelfTestRow extends SelfTestCase {
  ok: boolean;
  decision: DecisionKind;
  /** The answered entry id, `clarify(a|b)` or the decision kind. */
  got: string;
  score: number;
  top: { id: string; score: number }[];
}

const defaultFactory: ServiceFactory = (kb) => new FaqService(kb, { cacheSize: 0 });

export function runSelfTest(folds: readonly SelfTestFold[], makeService: ServiceFactory = defaultFactory): SelfTestRow[] {
  return folds.flatMap((fold) => {
    const service = makeService(fold.kb);
    return fold.cases.map((c) => judgeCase(c, service.ask(c.q)));
  });
}

export function passes(c: SelfTestCase, d: Pick<Decision, 'kind' | 'answer'>): boolean {
  return isPositive(c.kind) ? d.kind === 'answer' && d.answer?.id === c.expect : d.kind === 'fallback';
}

function judgeCase(c: SelfTestCase, d: Decision): SelfTestRow {
  return {
    ...c,
    ok: passes(c, d),
    decision: d.kind,
    got: outcomeLabel(d),
    score: d.score,
    top: d.top.slice(0, 3).map((t) => ({ id: t.id, score: t.score })),
  };
}

function outcomeLabel(d: Decision): string {
  if (d.kind === 'answer') return d.answer?.id ?? 'answer';
  if (d.kind === 'clarify') return `clarify(${(d.choices ?? []).map((c) => c.id).join('|')})`;
  return d.kind;
}
