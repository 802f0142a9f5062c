// The career path and the salary estimate (src/flows/career.ts): stages, bands and markets read
// from replies, and what is computed from them.
// Expected values come from the knowledge base (knowledge/*.yaml) wherever practical, so a change
// of figures or titles there does not break these tests, while a change of behaviour does.
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/knowledge/templates';
import { kb, career, salary, flows, stageWithTitle, expectedStage } from '../support/flow-fixtures';

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
