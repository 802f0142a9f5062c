// The shape of every file in knowledge/. Editors read the error messages these produce,
// so every field carries a description of what is expected.
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "salary-entry"');
export const text = z.string().trim().min(1, 'must not be empty');
const yearsRange = z
  .object({ min: z.number().int().min(0), max: z.number().int().min(0).optional() })
  .strict()
  .refine((r) => r.max === undefined || r.max >= r.min, 'max must be at least min');

/** One FAQ or section entry: a single idea, answered in a few sentences. */
export const entrySchema = z
  .object({
    id,
    title: text,
    question: text,
    alternates: z.array(text).min(1, 'give at least one alternate phrasing'),
    keywords: z.array(text).default([]),
    answer: text,
    followUps: z.array(id).default([]),
    counterexamples: z.array(text).default([]),
    /** Links the entry to a row of structured data, so "what does a senior AM make" finds that row. */
    facets: z
      .object({ salaryBand: id.optional(), ladderStage: id.optional() })
      .strict()
      .optional(),
  })
  .strict();

export const entriesFileSchema = z.object({ entries: z.array(entrySchema).min(1) }).strict();

export const salaryFileSchema = z
  .object({
    currency: z.string().length(3),
    bands: z
      .array(
        z
          .object({
            id,
            label: text,
            years: yearsRange.optional(),
            min: z.number().int().positive(),
            max: z.number().int().positive(),
            openEnded: z.boolean().default(false),
            /** Words people use for this level ("junior", "new grad"); they steer matching to this band. */
            aliases: z.array(text).default([]),
          })
          .strict()
          .refine((b) => b.max >= b.min, 'max must be at least min'),
      )
      .min(1),
    majorMarkets: z
      .object({
        cities: z.array(text).min(1),
        /** Extra words that mean "a major market" ("big city", "NYC"). */
        aliases: z.array(text).default([]),
        premiumPercent: z.object({ min: z.number().positive(), max: z.number().positive() }).strict(),
        /** The entry about major markets: asked with a level ("senior AMs in NYC"), it answers with that level's range there. */
        entry: id.optional(),
      })
      .strict(),
    bonuses: z.object({ tiedTo: z.array(text).min(1) }).strict(),
    factors: z.array(text).min(1),
  })
  .strict();

export const ladderFileSchema = z
  .object({
    stages: z
      .array(
        z
          .object({
            id,
            level: text,
            titles: z.array(text).min(1),
            years: yearsRange,
            aliases: z.array(text).default([]),
            /** What it takes to move up from this stage, shown by the career path walkthrough. */
            toNext: z.array(text).min(1),
            /** The salary band (salary.yaml id) that goes with this stage. */
            salaryBand: id,
            /** Skill categories (skills.yaml ids) that matter most for that move. */
            focusSkills: z.array(id).default([]),
          })
          .strict(),
      )
      .min(2),
  })
  .strict();

export const skillsFileSchema = z
  .object({
    categories: z
      .array(
        z
          .object({
            id,
            name: text,
            summary: text,
            skills: z.array(text).min(1),
            /** Concrete ways to improve, used by the skills check. */
            develop: z.array(text).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const synonymsFileSchema = z
  .object({
    /** Words that name what this knowledge base is about; a question using one is never about another job. */
    subject: z.array(text).min(1),
    /** Chat shorthand rewritten before tokenizing: "u" -> "you", "am" -> "account manager". */
    abbreviations: z.record(z.string().regex(/^[a-z0-9']+$/, 'must be one lower-case word'), text),
    /** Words that mean the same thing here; each group matches any of its members. */
    groups: z.array(z.array(text).min(2, 'a synonym group needs at least two words')),
  })
  .strict();

export const smalltalkFileSchema = z
  .object({
    intents: z
      .array(
        z
          .object({
            id,
            examples: z.array(text).min(1),
            replies: z.array(text).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/**
 * Requests this bot never serves, whatever words they share with the article ("what time is it
 * in Pacific time"): a message containing one of these phrases is declined.
 */
export const outOfScopeFileSchema = z.object({ phrases: z.array(text).min(1) }).strict();

/** One command of a channel's menu: sent as typed when picked. */
const menuItem = z.object({ title: text, description: text }).strict();

/** Product copy the bot says that is not an answer: welcome, clarify and fallback wording. */
export const messagesFileSchema = z
  .object({
    welcome: text,
    clarify: text,
    noneOfThese: text,
    noneOfTheseReply: text,
    fallback: text,
    /** Entry ids offered as buttons by the welcome and the fallback. */
    mainTopics: z.array(id).min(1),
    /** The source line under a quick answer a recruiter inserts into a chat. */
    quickAnswerSource: text,
    /** The reply to a message with no text (an attachment, a sticker, an empty message). */
    nonText: text,
    /** The reply to a message longer than the bot reads. */
    tooLong: text,
    /** The apology when a turn fails on the bot's side. */
    turnError: text,
    /** "Was this helpful?" under answers, and the replies to it (a "no" offers the runners-up). */
    feedback: z
      .object({ ask: text, yes: text, no: text, thanks: text, sorry: text, sorryNoOthers: text, slackPrompt: text })
      .strict(),
    /**
     * The answer to a level asked about in a major market ("senior AMs in NYC"), with {{level}},
     * {{range}} (the level's range there), {{base}} (its usual range), {{premium}} and {{markets}}.
     */
    salaryInMarket: text,
    /** The entry that answers "how do I apply?", and what it adds when APPLY_URL is set ({{url}}). */
    apply: z.object({ entry: id, withUrl: text.refine((t) => t.includes('{{url}}'), 'must contain {{url}}') }).strict(),
    /** Sample questions and help in a channel's command menu (Teams); the flows add their buttons. */
    commandMenu: z
      .object({
        questions: z.array(menuItem).min(1).max(4),
        help: menuItem,
      })
      .strict(),
  })
  .strict();

const phrases = z.array(text).min(1);
const flowBase = {
  /** How the bot names the flow in its own sentences ("the skills check"). */
  name: text,
  /** The button that starts the flow, offered under the answers listed in offeredBy. */
  button: text,
  /** What the flow does, beside its button in a channel's command menu (Teams). */
  menu: text,
  /** Explicit requests that start the flow (matched as whole phrases inside a message). */
  triggers: phrases,
  /** A request word and a topic word found anywhere in a short message also start it. */
  requests: phrases,
  topics: phrases,
  offeredBy: z.array(id).default([]),
};
const afterChoices = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, text])) as Record<K, typeof text>).strict();

/** The guided conversations: what starts them, their wording, and the words they understand. */
export const flowsFileSchema = z
  .object({
    commands: z
      .object({ help: phrases, cancel: phrases, startOver: phrases, back: phrases, forgetMe: phrases })
      .strict(),
    copy: z
      .object({
        help: text,
        retry: text,
        gaveUp: text,
        cancelled: text,
        startingOver: text,
        atFirstStep: text,
        backTo: text,
        forgotten: text,
        nothingToForget: text,
        pickOne: text,
        noFlow: text,
        stateTrouble: text,
      })
      .strict(),
    careerPath: z
      .object({
        ...flowBase,
        askStage: text,
        stageHint: text,
        notInField: text,
        notInFieldWords: phrases,
        /**
         * Words after a title that make it the topic, not the person's own title: "the account
         * manager career path" asks about the path, "I'm an account manager" says where they are.
         */
        titleAsTopicWords: z.array(text).default([]),
        notInFieldReply: text,
        rememberedStage: text,
        stageHeading: text,
        experience: text,
        pay: text,
        yearsNote: text,
        /** Pay for years where the stage and the salary table disagree: {n}, {label}, {pay}. */
        boundaryPay: text,
        nextHeading: text,
        whatItTakes: text,
        topHeading: text,
        atTop: text,
        focusSkills: text,
        choices: afterChoices(['next', 'previous', 'salary', 'skills', 'done'] as const),
        choiceHint: text,
        noHigher: text,
        noLower: text,
        finished: text,
        again: text,
      })
      .strict(),
    skillsCheck: z
      .object({
        ...flowBase,
        intro: text,
        askRating: text,
        skip: text,
        hint: text,
        ratingWords: z.object({ '1': phrases, '2': phrases, '3': phrases, '4': phrases, '5': phrases }).strict(),
        skipWords: phrases,
        summaryTitle: text,
        strengths: text,
        noStrengths: text,
        develop: text,
        allStrong: text,
        skipped: text,
        allSkipped: text,
        after: text,
        afterChoices: afterChoices(['careerPath', 'salary', 'done'] as const),
        finished: text,
      })
      .strict(),
    salaryEstimate: z
      .object({
        ...flowBase,
        askLevel: text,
        levelHint: text,
        rememberedLevel: text,
        askMarket: text,
        marketHint: text,
        notedMarket: text,
        notedLevel: text,
        marketChoices: afterChoices(['yes', 'no', 'unsure'] as const),
        yesWords: phrases,
        noWords: phrases,
        otherPlaces: phrases,
        unsureWords: phrases,
        rememberedMarket: text,
        resultHeading: text,
        whereMajor: text,
        whereOther: text,
        whereUnknown: text,
        majorNote: text,
        otherNote: text,
        unsureNote: text,
        openEndedNote: text,
        bonusNote: text,
        factorsNote: text,
        after: text,
        afterChoices: afterChoices(['again', 'careerPath', 'skills', 'done'] as const),
        finished: text,
      })
      .strict(),
    breakingIn: z
      .object({
        ...flowBase,
        intro: text,
        askDegree: text,
        degreeHint: text,
        degreeChoices: afterChoices(['related', 'other', 'studying', 'none'] as const),
        relatedFields: phrases,
        studyingWords: phrases,
        noneWords: phrases,
        otherWords: phrases,
        askInternship: text,
        internshipHint: text,
        internshipChoices: afterChoices(['yes', 'no'] as const),
        internshipYesWords: phrases,
        internshipNoWords: phrases,
        askBrand: text,
        brandHint: text,
        brandChoices: afterChoices(['strong', 'some', 'none'] as const),
        brandStrongWords: phrases,
        brandSomeWords: phrases,
        brandNoneWords: phrases,
        planHeading: text,
        advice: z
          .object({
            degree: afterChoices(['related', 'other', 'studying', 'none'] as const),
            internship: afterChoices(['yes', 'no'] as const),
            brand: afterChoices(['strong', 'some', 'none'] as const),
          })
          .strict(),
        jobSearch: text,
        after: text,
        afterChoices: afterChoices(['skills', 'careerPath', 'done'] as const),
        finished: text,
      })
      .strict(),
    followUpContext: z
      .object({
        /** Words that open a short follow-up question ("and", "what about"). */
        openers: phrases,
        /** Longest message (in words) treated as a follow-up. */
        maxWords: z.number().int().min(1).max(20),
        topics: z.array(z.object({ topic: text, entries: z.array(id).min(1) }).strict()).default([]),
      })
      .strict(),
  })
  .strict();

export { tuningFileSchema, type TuningData } from './tuning-schema';

export type Entry = z.infer<typeof entrySchema>;
export type SalaryData = z.infer<typeof salaryFileSchema>;
export type LadderData = z.infer<typeof ladderFileSchema>;
export type SkillsData = z.infer<typeof skillsFileSchema>;
export type SynonymsData = z.infer<typeof synonymsFileSchema>;
export type SmalltalkData = z.infer<typeof smalltalkFileSchema>;
export type MessagesData = z.infer<typeof messagesFileSchema>;
export type OutOfScopeData = z.infer<typeof outOfScopeFileSchema>;
export type FlowsData = z.infer<typeof flowsFileSchema>;
