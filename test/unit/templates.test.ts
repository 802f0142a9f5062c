// Answer templates: figures come from structured data through {{placeholders}}.
import { describe, expect, it } from 'vitest';
import type { TemplateData } from '../../src/knowledge/templates';
import {
  buildTemplateValues,
  formatMoney,
  formatYears,
  listInWords,
  renderTemplate,
  unknownPlaceholders,
} from '../../src/knowledge/templates';

const data: TemplateData = {
  salary: {
    currency: 'USD',
    bands: [
      { id: 'entry', label: 'Entry-level', years: { min: 0, max: 2 }, min: 45_000, max: 55_000, openEnded: false, aliases: [] },
      { id: 'top', label: 'Director', min: 100_000, max: 150_000, openEnded: true, aliases: [] },
    ],
    majorMarkets: { cities: ['New York', 'San Francisco', 'Los Angeles'], aliases: [], premiumPercent: { min: 15, max: 25 } },
    bonuses: { tiedTo: ['client retention', 'revenue growth'] },
    factors: ['experience', 'location', 'industry'],
  },
  ladder: {
    stages: [
      {
        id: 'entry',
        level: 'Entry',
        titles: ['Account Coordinator', 'Account Executive'],
        years: { min: 0, max: 2 },
        aliases: [],
        toNext: [],
        salaryBand: 'entry',
        focusSkills: [],
      },
      {
        id: 'leadership',
        level: 'Leadership',
        titles: ['Account Director'],
        years: { min: 8 },
        aliases: [],
        toNext: [],
        salaryBand: 'top',
        focusSkills: [],
      },
    ],
  },
  skills: {
    categories: [{ id: 'communication', name: 'Communication', summary: 's', skills: ['active listening', 'presenting'], develop: ['d'] }],
  },
};

describe('formatMoney', () => {
  it('formats whole dollars with thousands separators', () => {
    expect(formatMoney(45_000)).toBe('$45,000');
    expect(formatMoney(150_000, 'USD')).toBe('$150,000');
  });

  it('rounds to whole units', () => {
    expect(formatMoney(45_000.6)).toBe('$45,001');
  });

  it('uses the currency given', () => {
    expect(formatMoney(50_000, 'EUR')).toBe('€50,000');
    expect(formatMoney(50_000, 'GBP')).toBe('£50,000');
  });
});

describe('listInWords', () => {
  it('joins a list the way a sentence would', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('takes another conjunction', () => {
    expect(listInWords(['Account Coordinator', 'Account Executive'], 'or')).toBe('Account Coordinator or Account Executive');
  });
});

describe('formatYears', () => {
  it('formats a closed range with an en dash', () => {
    expect(formatYears({ min: 0, max: 2 })).toBe('0–2 years');
    expect(formatYears({ min: 6, max: 10 })).toBe('6–10 years');
  });

  it('formats an open range with a plus', () => {
    expect(formatYears({ min: 8 })).toBe('8+ years');
  });

  it('says experience varies when there are no years', () => {
    expect(formatYears(undefined)).toBe('experience varies');
  });
});

describe('buildTemplateValues', () => {
  const values = buildTemplateValues(data);

  it('gives each salary band its range, years and label', () => {
    expect(values.get('salary.entry.range')).toBe('$45,000–$55,000');
    expect(values.get('salary.entry.years')).toBe('0–2 years');
    expect(values.get('salary.entry.label')).toBe('Entry-level');
  });

  it('renders an open-ended band as "or more"', () => {
    expect(values.get('salary.top.range')).toBe('$100,000–$150,000 or more');
    expect(values.get('salary.entry.range')).not.toContain('or more');
    expect(values.get('salary.top.years')).toBe('experience varies');
  });

  it('builds the salary table, one line per band, years only where known', () => {
    expect(values.get('salary.table')).toBe('- Entry-level (0–2 years): $45,000–$55,000\n- Director: $100,000–$150,000 or more');
  });

  it('gives the market premium, cities, bonus links and pay factors', () => {
    expect(values.get('salary.premium')).toBe('15–25%');
    expect(values.get('salary.markets')).toBe('New York, San Francisco and Los Angeles');
    expect(values.get('salary.bonusTiedTo')).toBe('client retention and revenue growth');
    expect(values.get('salary.factors')).toBe('experience, location and industry');
  });

  it('gives each career stage its titles, years and level, and the ladder table', () => {
    expect(values.get('ladder.entry.titles')).toBe('Account Coordinator or Account Executive');
    expect(values.get('ladder.leadership.years')).toBe('8+ years');
    expect(values.get('ladder.leadership.level')).toBe('Leadership');
    expect(values.get('ladder.table')).toBe(
      '- Entry: Account Coordinator or Account Executive (0–2 years)\n- Leadership: Account Director (8+ years)',
    );
  });

  it('gives each skill category its list and name, and the skills table', () => {
    expect(values.get('skills.communication.list')).toBe('active listening and presenting');
    expect(values.get('skills.communication.name')).toBe('Communication');
    expect(values.get('skills.table')).toBe('- Communication: active listening and presenting');
  });
});

describe('renderTemplate', () => {
  const values = buildTemplateValues(data);

  it('replaces placeholders, with or without inner spaces', () => {
    expect(renderTemplate('Juniors earn {{salary.entry.range}}.', values)).toBe('Juniors earn $45,000–$55,000.');
    expect(renderTemplate('{{ salary.entry.label }} pay', values)).toBe('Entry-level pay');
  });

  it('replaces several placeholders, and the same one twice', () => {
    expect(renderTemplate('{{salary.premium}} in {{salary.markets}}; {{salary.premium}}', values)).toBe(
      '15–25% in New York, San Francisco and Los Angeles; 15–25%',
    );
  });

  it('leaves unknown placeholders and plain text as they are', () => {
    expect(renderTemplate('{{salary.nope.range}} stays', values)).toBe('{{salary.nope.range}} stays');
    expect(renderTemplate('no placeholders here', values)).toBe('no placeholders here');
    expect(renderTemplate('', values)).toBe('');
  });

  it('does not treat single braces as placeholders', () => {
    expect(renderTemplate('{salary.entry.range}', values)).toBe('{salary.entry.range}');
  });
});

describe('unknownPlaceholders', () => {
  const values = buildTemplateValues(data);

  it('lists the placeholders the data does not define, in order', () => {
    expect(unknownPlaceholders('{{salary.entry.range}} {{salary.senior.range}} {{ladder.mid.titles}}', values)).toEqual([
      'salary.senior.range',
      'ladder.mid.titles',
    ]);
  });

  it('is empty when every placeholder is known or there are none', () => {
    expect(unknownPlaceholders('{{salary.table}} and {{ skills.table }}', values)).toEqual([]);
    expect(unknownPlaceholders('plain text', values)).toEqual([]);
  });
});
