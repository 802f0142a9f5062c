// The skills check: a self-rating per skill category (a number, a word such as "pretty good", or
// skip) and the summary that follows, with strengths and the areas worth developing first.
import type { KnowledgeBase } from '../knowledge/load';
import type { SkillsData } from '../knowledge/schema';
import type { FlowText, PhraseList } from './text';

export type Category = SkillsData['categories'][number];
export type Rating = 1 | 2 | 3 | 4 | 5;
/** A category's rating, or null when the person skipped it. */
export type Ratings = Record<string, Rating | null>;

const NUMBER_WORDS: Record<string, Rating> = { one: 1, two: 2, three: 3, four: 4, five: 5 };
/** Ratings at or above this are strengths. */
const STRONG: Rating = 4;
/** At most this many areas to develop are suggested, the weakest first. */
const MAX_TO_DEVELOP = 3;

export interface SkillsSummary {
  strengths: Category[];
  develop: { category: Category; rating: Rating }[];
  skipped: Category[];
}

export class SkillsCheck {
  private readonly words: PhraseList<Rating | 'skip'>;
  readonly categories: readonly Category[];

  constructor(
    private readonly text: FlowText,
    kb: KnowledgeBase,
  ) {
    const f = kb.flows.skillsCheck;
    this.categories = kb.skills.categories;
    const ratingWords = Object.entries(f.ratingWords).flatMap(([n, list]) => list.map((p) => [p, Number(n) as Rating] as const));
    this.words = text.phrases<Rating | 'skip'>([...ratingWords, ...[f.skip, ...f.skipWords].map((p) => [p, 'skip' as const] as const)]);
  }

  /** 1-5 from "4", "4/5", "4 out of 5", "four", "pretty good"; "skip"; undefined otherwise. */
  readRating(message: string): Rating | 'skip' | undefined {
    const words = this.text.core(this.text.words(message));
    if (!words.length) return undefined;
    const joined = words.join(' ');
    const numeric =
      /^(?:a |about |maybe |probably |i would say |id say )?([1-5]|one|two|three|four|five)(?: (?:out of|of) (?:5|five)| 5)?$/.exec(joined);
    if (numeric) return NUMBER_WORDS[numeric[1]] ?? (Number(numeric[1]) as Rating);
    // The whole reply before fillers go: "so so" is a rating, not the filler "so" twice.
    const whole = this.words.whole(this.text.words(message)) ?? this.words.whole(words);
    if (whole !== undefined) return whole;
    // A rating word inside a short reply ("I'd say pretty good"), but not in a longer message,
    // which is more likely a question.
    if (words.length <= 6) return this.words.find(words)?.value;
    return undefined;
  }

  summarize(ratings: Ratings): SkillsSummary {
    const rated = this.categories.filter((c) => typeof ratings[c.id] === 'number');
    const strengths = rated.filter((c) => ratings[c.id]! >= STRONG);
    const develop = rated
      .filter((c) => ratings[c.id]! < STRONG)
      .map((category) => ({ category, rating: ratings[category.id] as Rating }))
      // Weakest first; the stable sort keeps the article's order between equal ratings.
      .sort((a, b) => a.rating - b.rating)
      .slice(0, MAX_TO_DEVELOP);
    const skipped = this.categories.filter((c) => ratings[c.id] === null);
    return { strengths, develop, skipped };
  }
}
