// What a question names that the knowledge base does not cover: another job ("what does a
// paralegal do", "product manager" for the entries that never name that title), another line of
// work ("first job in translation") or another country ("AM salary in Germany"). A question only
// counts as about another job when it is short and does not name the subject: a paragraph's people
// are its context ("my son", "I'm a recruiter").
import type { Analyzer, QueryAnalysis } from './analyzer';
import { FOCUS_MIN_WORDS } from './focus';
import type { WordSet } from './lexicon';
import { isContentWord } from './tokenize';
import { ENGLISH } from './english';
import { listedSlip, type English, type SlipIndex } from './slips';
import { BoundedCache } from '../lib/bounded-cache';

export /** What a question names that the knowledge base does not cover: another job, another country. */
interface CoverageCheck {
  person: boolean;
  /** A country or a city abroad ("in Germany"): the knowledge base's figures are for one country. */
  place: boolean;
  /** Title keys ("product manager"); an entry whose questions name one of them is exempt, see `relates`. */
  titles: string[];
  /**
   * The question asks how a title relates to this one, or is little more than the title ("client
   * relationship manager"): only then does an entry that lists the title cover it.
   */
  relates: boolean;
  /** The subject as someone's own contact at a company ("my account manager won't call back"), not the job. */
  customerSense: boolean;
  /** One named company ("salary at Salesforce"): the knowledge base describes the job in general (employers.ts). */
  company?: boolean;
  /** Another line of work ("first job in translation", "getting into plumbing"), see otherField. */
  field?: boolean;
}

/** English words with their frequency, and the person nouns and places by their slips. */
export interface MistypedWords {
  english: English;
  people: SlipIndex;
  places: SlipIndex;
}

export const COVERED: CoverageCheck = { person: false, place: false, titles: [], relates: true, customerSense: false };

/** Words that make "my account manager" the job after all ("my account manager interview"). */
const JOB_WORDS = new Set(ENGLISH.jobWords);
const POSSESSIVES = new Set(ENGLISH.possessives);
const RELATION_WORDS = new Set(ENGLISH.relationWords);
const COMPARED_WITH = new Set(ENGLISH.comparedWith);
/** Content words of a question that is little more than a title ("client relationship manager jobs"). */
const BARE_TITLE_WORDS = 4;

/** Words that make the person noun after them a trait ("a good talker"), not an occupation. */
const TRAIT_WORDS = new Set(ENGLISH.traitWords);
/** The last word of job titles ("product manager"): with another job's word before it, it names that job. */
const TITLE_HEADS = new Set(ENGLISH.titleHeads);
/** Heads of titles only written with "of" ("VP of sales", "head of marketing"). */
const OF_TITLE_HEADS = new Set(ENGLISH.ofTitleHeads);
/**
 * Words that give a title's level, not another job ("senior manager", "new managers"), and the
 * people a job seeker meets whatever the job ("a hiring manager").
 */
const LEVEL_WORDS = new Set(ENGLISH.levelWords);

/** The words a line of work follows ("a career in nursing", "getting into plumbing"). */
const FIELD_BEFORE = new Set(['in', 'into']);
/** Words after "in" that name no line of work ("in general", "in person"). */
const NOT_FIELDS = new Set(ENGLISH.notFields);

/** The shortest parts of a person noun run together from two words ("zoo" + "keeper"). */
const COMPOUND_HEAD_LETTERS = 3;
const COMPOUND_TAIL_LETTERS = 5;

/** Questions repeat their words; reading one as a slip costs hundreds of dictionary lookups. */
const SLIP_MEMO_LIMIT = 5_000;

export class CoverageChecker {
  /** Each word's reading as a slip, "" for none (the cache cannot hold undefined). */
  private readonly slipMemo = new BoundedCache<string>(SLIP_MEMO_LIMIT, false);

  constructor(
    private readonly analyzer: Analyzer,
    private readonly personNouns: WordSet,
    private readonly places: WordSet,
    private readonly subjectTerms: readonly string[],
    /** Whether the knowledge base uses a word as written ("developer" is not "development"). */
    private readonly usesWord: (word: string) => boolean,
    /** How to read a mistyped person noun or place (see slips.ts); without it none is. */
    private readonly mistyped?: MistypedWords,
    /** The "of" titles the knowledge base's questions, keywords and answers write (see ofTitlesIn). */
    private readonly ownOfTitles: ReadonlySet<string> = new Set(),
  ) {}

  /** What a short question names that the knowledge base does not cover (see uncoveredIn). */
  check(analysis: QueryAnalysis): CoverageCheck {
    const words = analysis.text.split(' ');
    // Person nouns as written: typo repair may have taken "analyst" for "analysis".
    const written = analysis.written.split(' ');
    const otherJobs = written.length === words.length ? this.otherJobWords(written) : [];
    // "Accountants" stems like the subject's "account" but names another job.
    const subjectWords = otherJobs.length ? this.analyzer.terms(words.filter((_, i) => !otherJobs.includes(i)).join(' ')) : analysis.terms;
    const namesSubject = this.subjectTerms.some((t) => subjectWords.includes(t));
    const customerSense = namesSubject && isCustomerSense(words);
    if (words.length >= FOCUS_MIN_WORDS) return { ...COVERED, customerSense };
    // Naming the subject rules out another job, not another country ("AM salary in Germany").
    const found = { ...this.uncoveredIn(words, analysis.unseenWords, analysis.unknownWords), person: otherJobs.length > 0 };
    // Naming the subject beside another job is about that job only when it compares the two.
    if (namesSubject && !(found.person && words.some((w) => COMPARED_WITH.has(w))))
      return { ...COVERED, place: found.place, customerSense };
    return found;
  }

  /** Whether the question is about another job or country than this entry is, or not about the job at all. */
  isNotCovered(check: CoverageCheck, entryTitles: ReadonlySet<string>): boolean {
    if (check.person || check.place || check.customerSense || check.company || check.field) return true;
    return check.titles.length > 0 && (!check.relates || !check.titles.some((t) => entryTitles.has(t)));
  }

  /** Another job's title made of known words ("product manager"), and another country. */
  private uncoveredIn(
    words: readonly string[],
    unseenWords: readonly string[],
    unknownWords: readonly string[],
  ): Omit<CoverageCheck, 'person'> {
    // A title written with "of" that the knowledge base writes itself ("VP of client services") is
    // one of the subject's own rungs, not another job.
    const titles = titlesIn(words).filter((key) => this.isOtherTitleModifier(key.split(' ')[0]) && !this.ownOfTitles.has(key));
    // A place the knowledge base uses (a major market) is covered; only unseen words can be others.
    const place = unseenWords.some((w) => this.places.has(w) || this.otherSlip(w, 'places') !== undefined);
    const relates = words.some((w) => RELATION_WORDS.has(w)) || words.filter(isContentWord).length <= BARE_TITLE_WORDS;
    return { place, titles, relates, customerSense: false, field: this.otherField(words, unknownWords) };
  }

  /**
   * Whether the question puts an English word the knowledge base never uses right after "in" or
   * "into" ("first job in translation"): that is another line of work. Phrases such as "in general"
   * are no field (ENGLISH.notFields); typos and slang are no English words, so they never count.
   */
  private otherField(words: readonly string[], unknownWords: readonly string[]): boolean {
    const english = this.mistyped?.english;
    if (!english) return false;
    return words.some(
      (w, i) =>
        i > 0 && FIELD_BEFORE.has(words[i - 1]) && unknownWords.includes(w) && english.has(w) && !NOT_FIELDS.has(w) && !this.places.has(w),
    );
  }

  /**
   * The positions of person nouns the knowledge base never writes ("paralegal"), even ones sharing
   * a stem with its words: "developer" with "development", "accountants" with "account". "A good
   * talker" or "a natural leader" describes a trait, not a job, so an evaluative word before the
   * noun clears it.
   */
  private otherJobWords(words: readonly string[]): number[] {
    return words.flatMap((w, i) => (this.namesOtherJob(w) && !(i > 0 && TRAIT_WORDS.has(words[i - 1])) ? [i] : []));
  }

  /** Whether a word on its own names a job the knowledge base never writes; remembered per word. */
  private namesOtherJob(word: string): boolean {
    if (!isContentWord(word)) return false;
    const key = `job:${word}`;
    const known = this.slipMemo.get(key);
    if (known !== undefined) return known !== '';
    const other =
      !this.usesWord(word) &&
      !this.usesWord(singular(word)) &&
      (this.isPersonNoun(word) || this.isPersonNoun(singular(word)) || this.otherSlip(word, 'people') !== undefined);
    this.slipMemo.set(key, other ? word : '');
    return other;
  }

  /**
   * A listed person noun, or one run together from a word and a listed person noun the list
   * lacks ("zookeeper": "zoo" and "keeper").
   */
  private isPersonNoun(word: string): boolean {
    if (this.personNouns.has(word)) return true;
    const english = this.mistyped?.english;
    if (!english || english.has(word)) return false;
    for (let split = COMPOUND_HEAD_LETTERS; split + COMPOUND_TAIL_LETTERS <= word.length; split++) {
      const tail = word.slice(split);
      const head = word.slice(0, split);
      if (this.personNouns.has(tail) && (english.has(head) || english.rank(head) !== undefined)) return true;
    }
    return false;
  }

  /** The listed word a mistyped word stands for ("nutse" for "nurse"), unless the knowledge base uses that word. */
  private otherSlip(word: string, list: 'people' | 'places'): string | undefined {
    if (!this.mistyped) return undefined;
    const key = `${list}:${word}`;
    const known = this.slipMemo.get(key);
    if (known !== undefined) return known || undefined;
    const { english } = this.mistyped;
    const index = this.mistyped[list];
    const unused = (listed: string) => !this.usesWord(listed) && !this.usesWord(singular(listed));
    const meant = listedSlip(word, index, english, unused) ?? listedSlip(singular(word), index, english, unused);
    this.slipMemo.set(key, meant ?? '');
    return meant;
  }

  /** Whether a word names the subject ("account" in "account manager"). */
  isSubjectWord(word: string): boolean {
    return this.analyzer.terms(word).some((t) => this.subjectTerms.includes(t));
  }

  /** A word before a title's head that makes it another job: a content word, not a trait, level or the subject. */
  private isOtherTitleModifier(word: string): boolean {
    if (!isContentWord(word) || TRAIT_WORDS.has(word) || LEVEL_WORDS.has(word)) return false;
    return !this.isSubjectWord(word);
  }
}

/** "my account manager", "your account managers": someone's contact, unless a job word follows. */
function isCustomerSense(words: readonly string[]): boolean {
  for (let i = 1; i + 1 < words.length; i++) {
    if (words[i] !== 'account' || !/^managers?$/.test(words[i + 1]) || !POSSESSIVES.has(words[i - 1])) continue;
    if (!JOB_WORDS.has(words[i + 2] ?? '')) return true;
  }
  return false;
}

/**
 * Title keys in a text's words: a title's head with the word before it, singular ("product
 * manager"), or with the word after "of" (see ofTitlesIn).
 */
export function titlesIn(words: readonly string[]): string[] {
  const keys: string[] = [];
  for (let i = 1; i < words.length; i++) if (TITLE_HEADS.has(words[i])) keys.push(`${words[i - 1]} ${singular(words[i])}`);
  return [...keys, ...ofTitlesIn(words)];
}

/** Title keys written with "of": "director of engineering" and "VP of sales" are "engineering director" and "sales vp". */
export function ofTitlesIn(words: readonly string[]): string[] {
  const keys: string[] = [];
  for (let i = 0; i + 2 < words.length; i++) {
    if (words[i + 1] === 'of' && (TITLE_HEADS.has(words[i]) || OF_TITLE_HEADS.has(words[i])))
      keys.push(`${words[i + 2]} ${singular(words[i])}`);
  }
  return keys;
}

function singular(word: string): string {
  return word.replace(/(?<=[^s])s$/, '');
}
