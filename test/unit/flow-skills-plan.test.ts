// The skills check, the breaking-in plan and follow-ups in context (src/flows/skills.ts,
// breaking-in.ts, follow-up.ts).
// Expected values come from the knowledge base (knowledge/*.yaml) wherever practical, so a change
// of figures or titles there does not break these tests, while a change of behaviour does.
import { describe, expect, it } from 'vitest';
import { FLOW_IDS } from '../../src/flows/commands';
import type { Rating, Ratings } from '../../src/flows/skills';
import { kb, text, skills, breakingIn, followUps, flows } from '../support/flow-fixtures';

describe('SkillsCheck', () => {
  const f = flows.skillsCheck;

  describe('readRating', () => {
    it.each<[string, Rating | 'skip']>([
      ['4', 4],
      ['4/5', 4],
      ['4 out of 5', 4],
      ['4 of 5', 4],
      ['four', 4],
      ['a 3', 3],
      ['maybe 2', 2],
      ["I'd say 4", 4],
      ['pretty good', 4],
      ['prety good', 4],
      ["I'd say pretty good", 4],
      ['not great', 2],
      ['not very good', 2],
      ['very good', 5],
      ['ok', 3],
      ['skip', 'skip'],
      ['Skip please', 'skip'],
      ['idk', 'skip'],
    ])('reads %j as %j', (message, rating) => {
      expect(skills.readRating(message)).toBe(rating);
    });

    it('reads every rating word and skip word of flows.yaml', () => {
      // "so so" is left out: see the known bug below.
      for (const [n, words] of Object.entries(f.ratingWords)) {
        for (const w of words.filter((w) => w !== 'so so')) expect(skills.readRating(w), w).toBe(Number(n));
      }
      for (const w of [f.skip, ...f.skipWords]) expect(skills.readRating(w), w).toBe('skip');
    });

    it.each([
      '0',
      '6',
      '10',
      'hello',
      '',
      'how do I get better at presenting to a big client when I am nervous?',
      'what does good communication look like in this job',
    ])('does not read %j as a rating', (message) => {
      expect(skills.readRating(message)).toBeUndefined();
    });

    it('reads "so so" as 3', () => {
      expect(f.ratingWords['3']).toContain('so so');
      expect(skills.readRating('so so')).toBe(3);
    });
  });

  describe('summarize', () => {
    const cats = kb.skills.categories;
    const ids = cats.map((c) => c.id);
    const ratingsOf = (values: (Rating | null | undefined)[]): Ratings =>
      Object.fromEntries(ids.flatMap((id, i) => (values[i] === undefined ? [] : [[id, values[i]]]))) as Ratings;

    it('needs at least five categories for these tests', () => {
      expect(cats.length).toBeGreaterThanOrEqual(5);
    });

    it('lists strengths (4 and up) in category order and the weakest areas first', () => {
      const s = skills.summarize(ratingsOf([5, 2, 1, 3, 4]));
      expect(s.strengths.map((c) => c.id)).toEqual([ids[0], ids[4]]);
      expect(s.develop).toEqual([
        { category: cats[2], rating: 1 },
        { category: cats[1], rating: 2 },
        { category: cats[3], rating: 3 },
      ]);
      expect(s.skipped).toEqual([]);
    });

    it('suggests at most three areas, keeping category order between equal ratings', () => {
      const s = skills.summarize(ratingsOf([3, 2, 3, 1, 2]));
      expect(s.develop.map((d) => [d.category.id, d.rating])).toEqual([
        [ids[3], 1],
        [ids[1], 2],
        [ids[4], 2],
      ]);
      expect(s.strengths).toEqual([]);
    });

    it('lists skipped categories apart, and leaves unanswered ones out', () => {
      const s = skills.summarize(ratingsOf([null, 4, undefined, null, 2]));
      expect(s.skipped.map((c) => c.id)).toEqual([ids[0], ids[3]]);
      expect(s.strengths.map((c) => c.id)).toEqual([ids[1]]);
      expect(s.develop.map((d) => d.category.id)).toEqual([ids[4]]);
    });

    it('has nothing to develop when every rating is strong', () => {
      const s = skills.summarize(ratingsOf(ids.map((_, i) => (i % 2 ? 4 : 5))));
      expect(s.strengths).toEqual(cats);
      expect(s.develop).toEqual([]);
      expect(s.skipped).toEqual([]);
    });

    it('has only skipped categories when everything was skipped', () => {
      const s = skills.summarize(ratingsOf(ids.map(() => null)));
      expect(s).toEqual({ strengths: [], develop: [], skipped: cats });
    });
  });
});

describe('BreakingInPlan', () => {
  const f = flows.breakingIn;

  describe('readDegree', () => {
    it('reads the choice labels', () => {
      for (const [key, label] of Object.entries(f.degreeChoices)) expect(breakingIn.readDegree(label), label).toBe(key);
    });

    it('reads every related field, alone and as a degree', () => {
      for (const field of f.relatedFields) {
        expect(breakingIn.readDegree(field), field).toBe('related');
        expect(breakingIn.readDegree(`${field} degree`), `${field} degree`).toBe('related');
      }
    });

    it.each([
      ['yes, a BA in marketing', 'related'],
      ['comms degree', 'related'],
      ['BA in biology', 'other'],
      ['bachelors in psychology', 'other'],
      ['still studying', 'studying'],
      ['studying marketing', 'studying'],
      ["I'm still in college", 'studying'],
      ['no degree', 'none'],
      ['nope', 'none'],
      ['I dropped out', 'none'],
    ])('reads %j as %s', (message, degree) => {
      expect(breakingIn.readDegree(message)).toBe(degree);
    });

    it('reads nothing from an unrelated reply', () => {
      expect(breakingIn.readDegree('biology')).toBeUndefined();
      expect(breakingIn.readDegree('hello')).toBeUndefined();
    });

    it('reads "I have a degree in marketing" as related', () => {
      expect(breakingIn.readDegree('I have a degree in marketing')).toBe('related');
    });
  });

  describe('readInternship and readBrand', () => {
    it('reads the choice labels', () => {
      for (const [key, label] of Object.entries(f.internshipChoices)) expect(breakingIn.readInternship(label), label).toBe(key);
      for (const [key, label] of Object.entries(f.brandChoices)) expect(breakingIn.readBrand(label), label).toBe(key);
    });

    it.each([
      ['yes', 'yes'],
      ['I worked in retail', 'yes'],
      ['two internships', 'yes'],
      ['never', 'no'],
      ["no I haven't", 'no'],
    ])('reads the internship reply %j as %s', (message, value) => {
      expect(breakingIn.readInternship(message)).toBe(value);
    });

    it.each([
      ['pretty good', 'strong'],
      ['my linkedin is decent', 'some'],
      ['meh', 'some'],
      ['non-existent', 'none'],
      ['not really', 'none'],
    ])('reads the brand reply %j as %s', (message, value) => {
      expect(breakingIn.readBrand(message)).toBe(value);
    });

    it('reads nothing from an unrelated reply', () => {
      expect(breakingIn.readInternship('hello')).toBeUndefined();
      expect(breakingIn.readBrand('hello')).toBeUndefined();
    });
  });

  describe('plan', () => {
    it('has one line per answer, in question order, then the job-search line', () => {
      expect(breakingIn.plan({ degree: 'other', internship: 'no', brand: 'some' })).toEqual([
        f.advice.degree.other,
        f.advice.internship.no,
        f.advice.brand.some,
        f.jobSearch,
      ]);
    });

    it('covers every answer with its own advice', () => {
      for (const degree of Object.keys(f.advice.degree) as (keyof typeof f.advice.degree)[]) {
        expect(breakingIn.plan({ degree })).toEqual([f.advice.degree[degree], f.jobSearch]);
      }
      for (const internship of Object.keys(f.advice.internship) as (keyof typeof f.advice.internship)[]) {
        expect(breakingIn.plan({ internship })).toEqual([f.advice.internship[internship], f.jobSearch]);
      }
      for (const brand of Object.keys(f.advice.brand) as (keyof typeof f.advice.brand)[]) {
        expect(breakingIn.plan({ brand })).toEqual([f.advice.brand[brand], f.jobSearch]);
      }
    });

    it('is only the job-search line when nothing was answered', () => {
      expect(breakingIn.plan({})).toEqual([f.jobSearch]);
    });
  });
});

describe('FollowUps', () => {
  const ctx = flows.followUpContext;
  const salaryTopic = ctx.topics.find((t) => t.topic.includes('salary'))!;
  const salaryEntry = salaryTopic.entries[0];
  const inTopics = new Set(ctx.topics.flatMap((t) => t.entries));
  const outsideEntry = FLOW_IDS.flatMap((id) => flows[id].offeredBy).find((e) => !inTopics.has(e))!;

  it('finds an entry of a salary topic and an entry outside every topic in the data', () => {
    expect(salaryTopic).toBeDefined();
    expect(outsideEntry).toBeDefined();
  });

  describe('topic', () => {
    it('gives every listed entry its topic, and none to other entries', () => {
      for (const { topic, entries } of ctx.topics) for (const id of entries) expect(followUps.topic(id)).toBe(topic);
      expect(followUps.topic(outsideEntry)).toBeUndefined();
      expect(followUps.topic(undefined)).toBeUndefined();
    });
  });

  describe('inContext', () => {
    it('asks "and for seniors?" again about the previous topic, without the opener', () => {
      const q = followUps.inContext('and for seniors?', salaryEntry)!;
      expect(q.startsWith(`${salaryTopic.topic} `)).toBe(true);
      expect(q).toBe(`${salaryTopic.topic} seniors`);
    });

    it('keeps the rest of the message in plain normalized words', () => {
      expect(followUps.inContext('what about in NYC?', salaryEntry)).toBe(`${salaryTopic.topic} in new york`);
    });

    it('gives nothing after an entry outside the topics, or with no previous entry', () => {
      expect(followUps.inContext('and for seniors?', outsideEntry)).toBeUndefined();
      expect(followUps.inContext('and for seniors?', undefined)).toBeUndefined();
    });

    it('gives nothing for a long message or an opener alone', () => {
      const long = 'and what about the pay for someone with lots of experience in sales';
      expect(text.words(long).length).toBeGreaterThan(ctx.maxWords);
      expect(followUps.inContext(long, salaryEntry)).toBeUndefined();
      expect(followUps.inContext('and?', salaryEntry)).toBeUndefined();
    });
  });

  describe('opensFollowUp', () => {
    it('is true for a short message opening with any opener', () => {
      for (const opener of ctx.openers) expect(followUps.opensFollowUp(`${opener} directors?`), opener).toBe(true);
    });

    it('is false without an opener at the start, for a long message, or for nothing', () => {
      expect(followUps.opensFollowUp('seniors?')).toBe(false);
      expect(followUps.opensFollowUp('how much do seniors make and')).toBe(false);
      expect(followUps.opensFollowUp('and what about the pay for someone with lots of experience in sales')).toBe(false);
      expect(followUps.opensFollowUp('')).toBe(false);
    });
  });
});
