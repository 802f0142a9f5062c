// The breaking-in plan: what someone says about their degree, internships and online presence,
// and the advice from the knowledge base that fits those answers.
import type { KnowledgeBase } from '../knowledge/load';
import { tag, type FlowText, type PhraseList } from './text';

export type Degree = 'related' | 'other' | 'studying' | 'none';
export type Internship = 'yes' | 'no';
export type Brand = 'strong' | 'some' | 'none';

export interface BreakingInAnswers {
  degree?: Degree;
  internship?: Internship;
  brand?: Brand;
}

export class BreakingInPlan {
  private readonly degree: PhraseList<Degree>;
  private readonly internship: PhraseList<Internship>;
  private readonly brand: PhraseList<Brand>;

  constructor(
    private readonly text: FlowText,
    private readonly kb: KnowledgeBase,
  ) {
    const f = kb.flows.breakingIn;
    const c = f.degreeChoices;
    this.degree = text.phrases<Degree>([
      // Among phrases of equal length the first listed wins: "studying marketing" is still studying.
      ...tag([c.studying, ...f.studyingWords], 'studying'),
      ...tag([c.none, ...f.noneWords], 'none'),
      ...tag([c.related, ...f.relatedFields], 'related'),
      ...tag([c.other, ...f.otherWords], 'other'),
    ]);
    this.internship = text.phrases<Internship>([
      ...tag([f.internshipChoices.yes, ...f.internshipYesWords], 'yes'),
      ...tag([f.internshipChoices.no, ...f.internshipNoWords], 'no'),
    ]);
    const b = f.brandChoices;
    this.brand = text.phrases<Brand>([
      ...tag([b.strong, ...f.brandStrongWords], 'strong'),
      ...tag([b.some, ...f.brandSomeWords], 'some'),
      ...tag([b.none, ...f.brandNoneWords], 'none'),
    ]);
  }

  /** A field such as marketing counts as related even inside "yes, a BA in marketing". */
  readDegree(message: string): Degree | undefined {
    const words = this.text.words(message);
    return this.degree.whole(this.text.core(words)) ?? this.short(words, this.degree);
  }

  readInternship(message: string): Internship | undefined {
    const words = this.text.words(message);
    return this.internship.whole(this.text.core(words)) ?? this.short(words, this.internship);
  }

  readBrand(message: string): Brand | undefined {
    const words = this.text.words(message);
    return this.brand.whole(this.text.core(words)) ?? this.short(words, this.brand);
  }

  /** A phrase inside a reply of a few words; longer messages are more likely questions. */
  private short<T>(words: readonly string[], list: PhraseList<T>): T | undefined {
    return words.length <= 10 ? list.find(words)?.value : undefined;
  }

  /** The plan's bullet points, in the order the questions were asked, then where to look for jobs. */
  plan(answers: BreakingInAnswers): string[] {
    const a = this.kb.flows.breakingIn.advice;
    const out: string[] = [];
    if (answers.degree) out.push(a.degree[answers.degree]);
    if (answers.internship) out.push(a.internship[answers.internship]);
    if (answers.brand) out.push(a.brand[answers.brand]);
    out.push(this.kb.flows.breakingIn.jobSearch);
    return out;
  }
}
