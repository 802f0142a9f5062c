// Everything the guided flows understand and compute, built once from the knowledge base. Pure:
// the dialogs in dialogs/ call it, and unit tests and benchmarks can use it without botbuilder.
import type { KnowledgeBase } from '../knowledge/load';
import { BreakingInPlan } from './breaking-in';
import { CareerPath } from './career';
import { FlowCommands } from './commands';
import { FollowUps } from './follow-up';
import { SalaryEstimator } from './salary';
import { SkillsCheck } from './skills';
import { FlowText } from './text';

export interface FlowKit {
  kb: KnowledgeBase;
  text: FlowText;
  commands: FlowCommands;
  career: CareerPath;
  salary: SalaryEstimator;
  skills: SkillsCheck;
  breakingIn: BreakingInPlan;
  followUps: FollowUps;
}

/** Every phrase the flows compare replies with; their words make the typo-repair vocabulary. */
function vocabulary(kb: KnowledgeBase): string[] {
  const out: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  const { flows } = kb;
  collect([flows.commands, flows.followUpContext.openers]);
  for (const f of [flows.careerPath, flows.skillsCheck, flows.salaryEstimate, flows.breakingIn]) {
    // Labels and word lists, not the longer sentences the bot says.
    for (const [key, value] of Object.entries(f))
      if (key === 'button' || key === 'triggers' || /Words$|Fields$|Choices$|^choices$|^skip$|^notInField$/.test(key)) collect(value);
  }
  for (const s of kb.ladder.stages) collect([s.level, s.titles, s.aliases]);
  for (const b of kb.salary.bands) collect([b.label, b.aliases]);
  collect([kb.salary.majorMarkets.cities, kb.salary.majorMarkets.aliases]);
  collect(kb.skills.categories.map((c) => c.name));
  return out;
}

export function createFlowKit(kb: KnowledgeBase): FlowKit {
  const text = new FlowText(kb.synonyms.abbreviations, vocabulary(kb));
  const career = new CareerPath(text, kb);
  return {
    kb,
    text,
    commands: new FlowCommands(text, kb),
    career,
    salary: new SalaryEstimator(text, kb, career),
    skills: new SkillsCheck(text, kb),
    breakingIn: new BreakingInPlan(text, kb),
    followUps: new FollowUps(text, kb),
  };
}
