// The career ladder as the walkthrough sees it: where someone stands (from a title, a level word
// or years of experience) and what each stage looks like, with its pay band and the next step.
import type { KnowledgeBase } from '../knowledge/load';
import { bandForYears } from '../knowledge/pay';
import type { LadderData, SalaryData } from '../knowledge/schema';
import { extractYears } from '../search/facets';
import type { FlowText, PhraseList } from './text';

export type Stage = LadderData['stages'][number];
export type Band = SalaryData['bands'][number];

export interface StageReading {
  stage?: string;
  years?: number;
  /** The person is not working in account management yet (a student, a career changer). */
  notInField?: boolean;
}

export interface StageView {
  stage: Stage;
  index: number;
  band: Band | undefined;
  next?: Stage;
  previous?: Stage;
}

/** Years typed on their own ("3", "7 years in", "three yrs"). */
export function readYears(words: readonly string[]): number | undefined {
  const joined = words.join(' ');
  const years = extractYears(joined);
  if (years !== undefined) return years;
  const bare = /^(?:about |around |almost |nearly |over )?(\d{1,2})(?: years?)?(?: in)?$/.exec(joined);
  return bare ? Number(bare[1]) : undefined;
}

export class CareerPath {
  private readonly names: PhraseList<string>;
  private readonly notInField: PhraseList<true>;
  readonly stages: readonly Stage[];

  constructor(
    private readonly text: FlowText,
    private readonly kb: KnowledgeBase,
  ) {
    this.stages = kb.ladder.stages;
    // Titles and level words; the longest wins, so "senior account manager" is not "account manager".
    this.names = text.phrases(this.stages.flatMap((s) => [...s.titles, ...s.aliases, s.level].map((p) => [p, s.id] as const)));
    this.notInField = text.phrases(kb.flows.careerPath.notInFieldWords.map((p) => [p, true] as const));
  }

  read(message: string): StageReading {
    const words = this.text.words(message);
    const core = this.text.core(words);
    const out: StageReading = {};
    const years = readYears(core);
    if (years !== undefined) out.years = years;
    const named = this.names.find(words);
    if (named) out.stage = named.value;
    else if (years !== undefined) out.stage = this.stageForYears(years);
    else if (this.notInField.whole(core) || this.notInField.find(words)) out.notInField = true;
    return out;
  }

  /** The stage whose typical experience covers `years`; where two ranges meet, the later stage. */
  stageForYears(years: number): string {
    let found = this.stages[0].id;
    for (const s of this.stages) if (years >= s.years.min) found = s.id;
    return found;
  }

  /**
   * The pay band for someone at this stage: by their years when known, as the salary table puts
   * them (the one pay rule, see knowledge/pay.ts), else the stage's own band.
   */
  payBand(view: StageView, years?: number): Band | undefined {
    return years === undefined ? view.band : bandForYears(this.kb.salary.bands, years);
  }

  view(stageId: string): StageView | undefined {
    const index = this.stages.findIndex((s) => s.id === stageId);
    if (index < 0) return undefined;
    const stage = this.stages[index];
    return {
      stage,
      index,
      band: this.kb.salary.bands.find((b) => b.id === stage.salaryBand),
      next: this.stages[index + 1],
      previous: index > 0 ? this.stages[index - 1] : undefined,
    };
  }
}
