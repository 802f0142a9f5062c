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
  private readonly topicWords: ReadonlySet<string>;
  /** The field's own names ("account manager", "AM"): the mid stage's title, but also the subject of every question. */
  private readonly subjectNames: ReadonlySet<string>;
  readonly stages: readonly Stage[];

  constructor(
    private readonly text: FlowText,
    private readonly kb: KnowledgeBase,
  ) {
    this.stages = kb.ladder.stages;
    // Titles and level words; the longest wins, so "senior account manager" is not "account manager".
    this.names = text.phrases(this.stages.flatMap((s) => [...s.titles, ...s.aliases, s.level].map((p) => [p, s.id] as const)));
    this.notInField = text.phrases(kb.flows.careerPath.notInFieldWords.map((p) => [p, true] as const));
    this.topicWords = new Set(kb.flows.careerPath.titleAsTopicWords.flatMap((w) => text.words(w)));
    this.subjectNames = new Set(kb.synonyms.subject.map((s) => text.words(s).join(' ')));
  }

  read(message: string): StageReading {
    const words = this.text.words(message);
    const core = this.text.core(words);
    const out: StageReading = {};
    const years = readYears(core);
    if (years !== undefined) out.years = years;
    const named = this.ownTitle(words);
    if (named) out.stage = named;
    else if (years !== undefined) out.stage = this.stageForYears(years);
    else if (this.notInField.whole(core) || this.notInField.find(words)) out.notInField = true;
    return out;
  }

  /**
   * The stage of the title or level the person names as their own: the first one that is not the
   * field's name used as a topic ("walk me through the account manager career path" names none;
   * "the senior account manager role" names the senior stage).
   */
  private ownTitle(words: readonly string[]): string | undefined {
    let rest = [...words];
    for (let tries = 0; tries < 3; tries++) {
      const found = this.names.find(rest);
      if (!found) return undefined;
      const name = rest.slice(found.start, found.start + found.length).join(' ');
      if (!this.subjectNames.has(name) || !this.topicWords.has(rest[found.start + found.length] ?? '')) return found.value;
      // Blank the topic use out and look again ("the AM career path, and I'm an AE").
      rest = rest.map((w, i) => (i >= found.start && i < found.start + found.length ? '' : w));
    }
    return undefined;
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
