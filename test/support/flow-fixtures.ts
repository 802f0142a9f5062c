// The knowledge base and flow kit the flow tests share, and two helpers that work out expected
// stages independently of the code.
import { createFlowKit } from '../../src/flows/index';
import { loadKnowledge } from '../../src/knowledge/load';

export const kb = loadKnowledge();
export const kit = createFlowKit(kb);
export const { text, commands, career, salary, skills, breakingIn, followUps } = kit;
export const flows = kb.flows;
/** The id of the ladder stage that lists `title` among its titles. */
export function stageWithTitle(title: string): string {
  const stage = kb.ladder.stages.find((s) => s.titles.some((t) => t.toLowerCase() === title.toLowerCase()));
  if (!stage) throw new Error(`no stage has the title ${title}`);
  return stage.id;
}

/**
 * The stage whose typical experience covers `years`, worked out independently of the code: the
 * stages whose range holds the years, and where two ranges meet, the later one.
 */
export function expectedStage(years: number): string {
  const covering = kb.ladder.stages.filter((s) => years >= s.years.min && (s.years.max === undefined || years <= s.years.max));
  return covering[covering.length - 1].id;
}
