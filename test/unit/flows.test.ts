// The pure core of the guided flows (src/flows/): how replies are read (commands, flow requests,
// stages, bands, markets, ratings, degrees...) and what is computed from them. Expected values come
// from the knowledge base (knowledge/*.yaml) wherever practical, so a change of figures or titles
// there does not break these tests, while a change of behaviour does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_IDS, type FlowId } from '../../src/flows/commands';
import { createFlowKit } from '../../src/flows/index';
import type { Rating, Ratings } from '../../src/flows/skills';
import { fill, indexOfPhrase } from '../../src/flows/text';
import { loadKnowledge } from '../../src/knowledge/load';
import { formatMoney } from '../../src/knowledge/templates';

const kb = loadKnowledge();
const kit = createFlowKit(kb);
const { text, commands, career, salary, skills, breakingIn, followUps } = kit;
const flows = kb.flows;

/** The id of the ladder stage that lists `title` among its titles. */
function stageWithTitle(title: string): string {
  const stage = kb.ladder.stages.find((s) => s.titles.some((t) => t.toLowerCase() === title.toLowerCase()));
  if (!stage) throw new Error(`no stage has the title ${title}`);
  return stage.id;
}

/**
 * The stage whose typical experience covers `years`, worked out independently of the code: the
 * stages whose range holds the years, and where two ranges meet, the later one.
 */
function expectedStage(years: number): string {
  const covering = kb.ladder.stages.filter((s) => years >= s.years.min && (s.years.max === undefined || years <= s.years.max));
  return covering[covering.length - 1].id;
}

describe('createFlowKit', () => {
  it('builds every part from the one knowledge base', () => {
    expect(kit.kb).toBe(kb);
    for (const part of [text, commands, career, salary, skills, breakingIn, followUps]) expect(part).toBeDefined();
    expect(career.stages).toEqual(kb.ladder.stages);
    expect(skills.categories).toEqual(kb.skills.categories);
    expect(salary.bands).toEqual(kb.salary.bands);
  });
});

describe('FlowText', () => {
  describe('words', () => {
    it('normalizes and repairs typos against the flows vocabulary', () => {
      expect(text.words('Senoir acount manger!')).toEqual(['senior', 'account', 'manager']);
      expect(text.words('prety good')).toEqual(['pretty', 'good']);
    });

    it('expands chat shorthand and "AM" without typo repair in plainWords', () => {
      expect(text.plainWords('AE, 3 yrs')).toEqual(['account', 'executive', '3', 'years']);
      expect(text.plainWords('senoir AM')).toEqual(['senoir', 'account', 'manager']);
      expect(text.words('')).toEqual([]);
    });
  });

  describe('core', () => {
    const core = (s: string) => text.core(text.words(s));

    it('strips leading and trailing fillers, repeatedly', () => {
      expect(core("ok let's start over please")).toEqual(['start', 'over']);
      expect(core('um so cancel thanks')).toEqual(['cancel']);
      expect(core('could you estimate my salary now please')).toEqual(['estimate', 'my', 'salary']);
    });

    it('never strips a message down to nothing', () => {
      expect(core('please')).toEqual(['please']);
      expect(core('ok thanks')).toHaveLength(1);
    });
  });

  describe('choice', () => {
    // The career walkthrough's choices, in the order the bot offers them.
    const labels = Object.values(flows.careerPath.choices);
    const indexOf = (label: string) => labels.indexOf(label);

    it('picks a label by its text, in any case and with fillers', () => {
      labels.forEach((label, i) => {
        expect(text.choice(label, labels)).toBe(i);
        expect(text.choice(label.toUpperCase(), labels)).toBe(i);
        expect(text.choice(`ok ${label} please`, labels)).toBe(i);
      });
    });

    it('picks a label typed with a typo', () => {
      expect(text.choice('previus stage', labels)).toBe(indexOf(flows.careerPath.choices.previous));
      expect(text.choice('nxet stage', labels)).toBe(indexOf(flows.careerPath.choices.next));
      expect(text.choice('estimate my salry', labels)).toBe(indexOf(flows.careerPath.choices.salary));
    });

    it('picks by position, counted from 1, only within range', () => {
      for (let n = 1; n <= labels.length; n++) expect(text.choice(String(n), labels)).toBe(n - 1);
      expect(text.choice('number 2', labels)).toBe(1);
      expect(text.choice('0', labels)).toBeUndefined();
      expect(text.choice(String(labels.length + 1), labels)).toBeUndefined();
      expect(text.choice(`number ${labels.length + 1}`, labels)).toBeUndefined();
    });

    it('does not pick on part of a label or on nothing', () => {
      expect(text.choice('next', labels)).toBeUndefined();
      expect(text.choice('', labels)).toBeUndefined();
      expect(text.choice('tell me about bonuses', labels)).toBeUndefined();
    });

    it('picks by "option N"', () => {
      expect(text.choice('option 1', labels)).toBe(0);
    });

    it('picks "ok nxt stage", the example in its doc comment', () => {
      expect(text.choice('ok nxt stage', labels)).toBe(indexOf(flows.careerPath.choices.next));
    });
  });

  describe('PhraseList', () => {
    const list = text.phrases<number>([
      ['good', 4],
      ['not good', 2],
      ['very good', 5],
    ]);

    it('holds the phrases longest first', () => {
      expect(list.items[list.items.length - 1].phrase).toBe('good');
    });

    it('whole() matches only the whole message', () => {
      expect(list.whole(text.words('good'))).toBe(4);
      expect(list.whole(text.words('not good'))).toBe(2);
      expect(list.whole(text.words('good enough'))).toBeUndefined();
    });

    it('find() returns the longest phrase with where it starts', () => {
      expect(list.find(text.words('honestly not good at all'))).toEqual({ value: 2, start: 1, length: 2 });
      expect(list.find(text.words('pretty good'))).toEqual({ value: 4, start: 1, length: 1 });
      expect(list.find(text.words('bad'))).toBeUndefined();
    });

    it('indexOfPhrase matches whole words only', () => {
      expect(indexOfPhrase(['a', 'b', 'c'], ['b', 'c'])).toBe(1);
      expect(indexOfPhrase(['goodness'], ['good'])).toBe(-1);
      expect(indexOfPhrase(['a'], ['a', 'b'])).toBe(-1);
    });
  });

  describe('fill', () => {
    it('fills known slots and leaves unknown ones as written', () => {
      expect(fill('{level} stage: {titles} ({n})', { level: 'Mid', n: 3 })).toBe('Mid stage: {titles} (3)');
      expect(fill(flows.copy.pickOne, { choices: 'a or b' })).toBe('Pick a or b.');
    });
  });
});

describe('FlowCommands', () => {
  describe('command', () => {
    it('recognizes every command phrase in flows.yaml on its own', () => {
      for (const [command, phrases] of Object.entries(flows.commands)) {
        for (const phrase of phrases) expect(commands.command(phrase), phrase).toBe(command);
      }
    });

    it.each([
      ['ok cancel please', 'cancel'],
      ['Stop!', 'cancel'],
      ['Never mind.', 'cancel'],
      ['go back', 'back'],
      ['BACK', 'back'],
      ['Help!', 'help'],
      ['what can i say?', 'help'],
      ["let's start over", 'startOver'],
      ['restart please', 'startOver'],
      ['forget me please', 'forgetMe'],
    ])('understands %j around fillers and punctuation as %s', (message, command) => {
      expect(commands.command(message)).toBe(command);
    });

    it.each([
      ['helpp', 'help'],
      ['cancle', 'cancel'],
      ['go bakc', 'back'],
      ['strat over', 'startOver'],
    ])('repairs the typo in %j', (message, command) => {
      expect(commands.command(message)).toBe(command);
    });

    it.each([
      'back to the career path',
      'how do I stop being nervous in meetings',
      'can you help me with my resume',
      'what happens if I quit my job?',
      'I want to go back to school',
      'ok',
      '',
    ])('does not take %j as a command', (message) => {
      expect(commands.command(message)).toBeUndefined();
    });
  });

  describe('flowToStart', () => {
    it('starts each flow from every one of its trigger phrases', () => {
      for (const id of FLOW_IDS) for (const trigger of flows[id].triggers) expect(commands.flowToStart(trigger), trigger).toBe(id);
    });

    it('starts each flow from its button label, as typed or clicked', () => {
      for (const id of FLOW_IDS) {
        const button = flows[id].button;
        expect(commands.flowToStart(button)).toBe(id);
        expect(commands.flowToStart(button.toLowerCase())).toBe(id);
        expect(commands.flowToStart(`ok ${button} please`)).toBe(id);
      }
    });

    it.each<[string, FlowId]>([
      ["I'm an AE with 3 years, what's my next step?", 'careerPath'],
      ['walk me thru the carer path', 'careerPath'],
      ['can you estimate my salary please', 'salaryEstimate'],
      ['rate my skills', 'skillsCheck'],
      ['could you check my skills?', 'skillsCheck'],
      ['help me break in', 'breakingIn'],
      ['make me a breaking-in plan please', 'breakingIn'],
    ])('understands the request %j', (message, flow) => {
      expect(commands.flowToStart(message)).toBe(flow);
    });

    it.each([
      'what is the career path?',
      'how do I break into account management?',
      'how much do account managers make?',
      'what skills do I need?',
      'help',
      '',
    ])('does not start a flow for the question %j', (message) => {
      expect(commands.flowToStart(message)).toBeUndefined();
    });

    it('ignores a trigger inside a long message, which is a question', () => {
      const message = 'I have been thinking about my options for a long time and I would like you to estimate my salary';
      expect(text.words(message).length).toBeGreaterThan(16);
      expect(commands.flowToStart(message)).toBeUndefined();
    });
  });

  describe('flowButtons and flowFor', () => {
    it('offers one button per flow, in the flows order', () => {
      expect(commands.flowButtons()).toEqual(FLOW_IDS.map((id) => flows[id].button));
    });

    it("maps every entry a flow is offered by to a flow that lists it (the flows' own order breaks ties)", () => {
      for (const id of FLOW_IDS) {
        for (const entry of flows[id].offeredBy) {
          const found = commands.flowFor(entry)!;
          expect(flows[found].offeredBy, entry).toContain(entry);
          expect(FLOW_IDS.indexOf(found), entry).toBeLessThanOrEqual(FLOW_IDS.indexOf(id));
        }
      }
    });

    it('maps an entry offered by one flow only to that flow, and others to none', () => {
      const entry = flows.salaryEstimate.offeredBy.find((e) =>
        FLOW_IDS.every((id) => id === 'salaryEstimate' || !flows[id].offeredBy.includes(e)),
      );
      expect(entry).toBeDefined();
      expect(commands.flowFor(entry!)).toBe('salaryEstimate');
      expect(commands.flowFor('no-such-entry')).toBeUndefined();
    });
  });
});

// A whole-set property over the evaluation questions: none of them is a command or a flow request,
// so a question typed in the chat never hijacks the conversation.
describe('eval questions are neither commands nor flow requests', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'eval');
  const questions = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .map((line) => ({ file: f, q: (JSON.parse(line) as { q: string }).q })),
    );

  it('reads a sizeable question set', () => {
    expect(questions.length).toBeGreaterThan(100);
  });

  it('starts no flow', () => {
    expect(questions.filter(({ q }) => commands.flowToStart(q) !== undefined)).toEqual([]);
  });

  it('is no command', () => {
    expect(questions.filter(({ q }) => commands.command(q) !== undefined)).toEqual([]);
  });
});

describe('CareerPath', () => {
  const stages = kb.ladder.stages;

  describe('read: titles and level words', () => {
    it('recognizes every title, alias and level word of every stage', () => {
      for (const s of stages) {
        for (const phrase of [...s.titles, ...s.aliases, s.level]) expect(career.read(phrase).stage, phrase).toBe(s.id);
      }
    });

    it('prefers the longest title ("senior account manager" is not "account manager")', () => {
      expect(career.read('Senior Account Manager').stage).toBe(stageWithTitle('Senior Account Manager'));
      expect(stageWithTitle('Senior Account Manager')).not.toBe(stageWithTitle('Account Manager'));
    });

    it.each([
      ['senoir acount manger', 'Senior Account Manager'],
      ['acount executiv', 'Account Executive'],
      ['AE', 'Account Executive'],
      ['AM', 'Account Manager'],
      ["I'm an AM", 'Account Manager'],
      ['VP of client services', 'VP of Client Services'],
    ])('reads %j as the stage of %s', (message, title) => {
      expect(career.read(message)).toEqual({ stage: stageWithTitle(title) });
    });
  });

  describe('read: years', () => {
    it.each([
      ['3', 3],
      ['7 years in', 7],
      ['three yrs', 3],
      ['about 4', 4],
      ['nearly 6 years', 6],
      ['0', 0],
      ['12', 12],
    ])('reads %j as %i years and the stage they fall in', (message, years) => {
      expect(career.read(message)).toEqual({ years, stage: expectedStage(years) });
    });

    it('sends years where two stages meet to the later stage', () => {
      let checked = 0;
      for (let i = 1; i < stages.length; i++) {
        const boundary = stages[i - 1].years.max;
        if (boundary !== stages[i].years.min) continue;
        checked++;
        expect(career.stageForYears(boundary)).toBe(stages[i].id);
        expect(career.read(`${boundary} years`).stage).toBe(stages[i].id);
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('maps every whole year to the stage covering it, up past the top of the ladder', () => {
      const top = stages[stages.length - 1].years.min + 10;
      for (let y = 0; y <= top; y++) expect(career.stageForYears(y), `${y} years`).toBe(expectedStage(y));
    });

    it("keeps the title's stage and the years when both are given", () => {
      const ae = stageWithTitle('Account Executive');
      expect(career.stageForYears(3)).not.toBe(ae); // otherwise this test proves nothing
      expect(career.read('AE with 3 years')).toEqual({ stage: ae, years: 3 });
      expect(career.read('senior account manager, 10 years')).toEqual({ stage: stageWithTitle('Senior Account Manager'), years: 10 });
    });
  });

  describe('read: not in the field', () => {
    it.each(['student', "I'm a student", 'not in the field yet', 'changing careers', 'no experience', flows.careerPath.notInField])(
      'reads %j as not in the field yet',
      (message) => {
        expect(career.read(message)).toEqual({ notInField: true });
      },
    );

    it('reads every not-in-the-field phrase of flows.yaml', () => {
      for (const phrase of flows.careerPath.notInFieldWords) expect(career.read(phrase), phrase).toEqual({ notInField: true });
    });

    it('reads "just graduated" as the stage that lists it, not as outside the field', () => {
      // career-ladder.yaml lists "just graduated" as an alias of a stage; titles and aliases win.
      const stage = stages.find((s) => s.aliases.includes('just graduated'));
      expect(stage).toBeDefined();
      expect(career.read('just graduated')).toEqual({ stage: stage!.id });
    });

    it('reads nothing from an unrelated message', () => {
      expect(career.read('hello there')).toEqual({});
      expect(career.read('')).toEqual({});
    });
  });

  describe('view', () => {
    it('gives each stage its neighbours and pay band', () => {
      stages.forEach((s, i) => {
        const view = career.view(s.id)!;
        expect(view.stage).toEqual(s);
        expect(view.index).toBe(i);
        expect(view.next?.id).toBe(stages[i + 1]?.id);
        expect(view.previous?.id).toBe(i > 0 ? stages[i - 1].id : undefined);
        expect(view.band).toBeDefined();
        expect(view.band!.id).toBe(s.salaryBand);
      });
    });

    it('has no previous at the first stage, no next at the last, and no view of an unknown stage', () => {
      expect(career.view(stages[0].id)!.previous).toBeUndefined();
      expect(career.view(stages[stages.length - 1].id)!.next).toBeUndefined();
      expect(career.view('no-such-stage')).toBeUndefined();
    });
  });
});

describe('SalaryEstimator', () => {
  const bands = kb.salary.bands;
  const withYears = bands.filter((b) => b.years);
  const markets = kb.salary.majorMarkets;
  const f = flows.salaryEstimate;

  describe('readBand', () => {
    it("reads every band's label, id and aliases", () => {
      for (const b of bands) for (const phrase of [b.label, b.id, ...b.aliases]) expect(salary.readBand(phrase), phrase).toBe(b.id);
    });

    it("reads a job title as its career stage's band", () => {
      for (const s of kb.ladder.stages) for (const title of s.titles) expect(salary.readBand(title), title).toBe(s.salaryBand);
      expect(salary.readBand('AE')).toBe(kb.ladder.stages.find((s) => s.id === stageWithTitle('Account Executive'))!.salaryBand);
    });

    it('reads years as the band covering them', () => {
      for (const b of withYears) {
        expect(salary.readBand(`${b.years!.min} years`)).toBe(b.id);
        expect(salary.readBand(`${b.years!.max} yrs`)).toBe(b.id);
        expect(salary.bandForYears(b.years!.min)).toBe(b.id);
      }
    });

    it('reads years past the last band with years as that band, not an open-ended band', () => {
      const last = withYears[withYears.length - 1];
      const beyond = (last.years!.max ?? last.years!.min) + 5;
      expect(salary.readBand(`${beyond} years`)).toBe(last.id);
      expect(salary.bandForYears(40)).toBe(last.id);
    });

    it('lets the years decide when a title comes with years', () => {
      // "AE" alone is the entry band; with more years than that band covers, the years win.
      const aeBand = salary.readBand('AE');
      const years = withYears.find((b) => b.id !== aeBand)!.years!.min;
      expect(salary.readBand(`AE with ${years} years`)).toBe(salary.bandForYears(years));
      expect(salary.bandForYears(years)).not.toBe(aeBand);
    });

    it('reads nothing from an unrelated reply', () => {
      expect(salary.readBand('hello')).toBeUndefined();
    });
  });

  describe('readMarket', () => {
    it('reads the major cities and their aliases as a major market', () => {
      for (const phrase of [...markets.cities, ...markets.aliases]) expect(salary.readMarket(phrase), phrase).toBe('major');
      expect(salary.readMarket('NYC')).toBe('major');
      expect(salary.readMarket('SF')).toBe('major');
      expect(salary.readMarket('LA')).toBe('major');
    });

    it('reads yes, no and not-sure words and the choice labels', () => {
      for (const w of [...f.yesWords, f.marketChoices.yes]) expect(salary.readMarket(w), w).toBe('major');
      for (const w of [...f.noWords, f.marketChoices.no]) expect(salary.readMarket(w), w).toBe('other');
      for (const w of [...f.unsureWords, f.marketChoices.unsure]) expect(salary.readMarket(w), w).toBe('unknown');
    });

    it.each([
      ['yes, in new york', 'major'],
      ['I work in NYC', 'major'],
      ['i work in the bay area', 'major'],
      ['nah', 'other'],
      ['idk', 'unknown'],
      ['Not sure.', 'unknown'],
    ])('reads %j as %s', (message, market) => {
      expect(salary.readMarket(message)).toBe(market);
    });

    it.each(['do they get bonuses?', 'yes but do they get bonuses?', 'I work in chicago', 'what about bonuses', 'hello'])(
      'does not take %j as a market answer',
      (message) => {
        expect(salary.readMarket(message)).toBeUndefined();
      },
    );

    it('reads a one-word city alias inside a longer reply ("i live in manhattan")', () => {
      expect(markets.aliases).toContain('manhattan');
      expect(salary.readMarket('i live in manhattan')).toBe('major');
    });
  });

  describe('estimate', () => {
    const premium = markets.premiumPercent;

    it('gives each band its base range and the major-market range with the premium', () => {
      for (const b of bands) {
        const e = salary.estimate(b.id, 'major')!;
        expect(e.band).toEqual(b);
        expect(e.market).toBe('major');
        expect(e.base).toEqual({ min: b.min, max: b.max });
        expect(e.major).toEqual({
          min: Math.round((b.min * (100 + premium.min)) / 100),
          max: Math.round((b.max * (100 + premium.max)) / 100),
        });
        expect(e.major.min).toBeGreaterThan(e.base.min);
        expect(e.major.max).toBeGreaterThan(e.base.max);
        expect(e.openEnded).toBe(Boolean(b.openEnded));
      }
    });

    it('keeps the same ranges for other and unknown markets, with the market recorded', () => {
      const b = bands[0];
      const major = salary.estimate(b.id, 'major')!;
      for (const market of ['other', 'unknown'] as const) {
        const e = salary.estimate(b.id, market)!;
        expect(e.market).toBe(market);
        expect(e.base).toEqual(major.base);
        expect(e.major).toEqual(major.major);
      }
    });

    it('marks an open-ended band and estimates nothing for an unknown band', () => {
      const open = bands.find((b) => b.openEnded);
      expect(open).toBeDefined();
      expect(salary.estimate(open!.id, 'other')!.openEnded).toBe(true);
      expect(salary.estimate('no-such-band', 'other')).toBeUndefined();
    });
  });

  describe('formatRange', () => {
    it('formats both ends in the currency, with "+" only when open-ended', () => {
      const money = (n: number) => formatMoney(n, kb.salary.currency);
      const b = bands[0];
      expect(salary.formatRange({ min: b.min, max: b.max })).toBe(`${money(b.min)}–${money(b.max)}`);
      expect(salary.formatRange({ min: b.min, max: b.max }, true)).toBe(`${money(b.min)}–${money(b.max)}+`);
      // The one literal: how a dollar range reads in chat.
      if (kb.salary.currency === 'USD') expect(salary.formatRange({ min: 45000, max: 55000 }, true)).toBe('$45,000–$55,000+');
    });
  });
});

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

describe('FlowCommands.flowToStart: a request word with a topic word', () => {
  const starts: [string, string][] = [
    ['can you walk me through the account manager career path?', 'careerPath'],
    ['what comes next in my career?', 'careerPath'],
    ['show me how to move up', 'careerPath'],
    ['I want to check if I have the right skills', 'skillsCheck'],
    ['help me figure out my salary', 'salaryEstimate'],
    ['I want to break into account management, can you help?', 'breakingIn'],
    ['give me a plan to become an account manager', 'breakingIn'],
  ];
  it.each(starts)('%s -> %s', (message, flow) => {
    expect(kit.commands.flowToStart(message)).toBe(flow);
  });

  it('needs both: a topic alone is a question, a request alone is not about a flow', () => {
    for (const message of [
      'how do I get promoted?',
      'what would my salary be in NYC?',
      'walk me through the process',
      'can you help me?',
      'show me the pay table please',
    ]) {
      expect(kit.commands.flowToStart(message), message).toBeUndefined();
    }
  });
});
