// Answers name figures through placeholders such as {{salary.senior.range}}, so every figure lives
// once, in structured data, and an edit to salary.yaml changes every answer that quotes it.
import type { LadderData, SalaryData, SkillsData } from './schema';

export interface TemplateData {
  salary: SalaryData;
  ladder: LadderData;
  skills: SkillsData;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9.-]+)\s*\}\}/g;

export function formatMoney(amount: number, currency = 'USD'): string {
  return amount.toLocaleString('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
}

/** "a, b and c" */
export function listInWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function formatYears(years: { min: number; max?: number } | undefined): string {
  if (!years) return 'experience varies';
  if (years.max === undefined) return `${years.min}+ years`;
  return `${years.min}–${years.max} years`;
}

export function bandRange(band: SalaryData['bands'][number], currency: string): string {
  const range = `${formatMoney(band.min, currency)}–${formatMoney(band.max, currency)}`;
  return band.openEnded ? `${range} or more` : range;
}

/** Every placeholder the data supports, computed once per knowledge base. */
export function buildTemplateValues(data: TemplateData): Map<string, string> {
  const values = new Map<string, string>();
  const { salary, ladder, skills } = data;
  for (const band of salary.bands) {
    values.set(`salary.${band.id}.range`, bandRange(band, salary.currency));
    values.set(`salary.${band.id}.years`, formatYears(band.years));
    values.set(`salary.${band.id}.label`, band.label);
  }
  values.set(
    'salary.table',
    salary.bands
      .map((b) => `- ${b.label}${b.years ? ` (${formatYears(b.years)})` : ''}: ${bandRange(b, salary.currency)}`)
      .join('\n'),
  );
  const premium = salary.majorMarkets.premiumPercent;
  values.set('salary.premium', `${premium.min}–${premium.max}%`);
  values.set('salary.markets', listInWords(salary.majorMarkets.cities));
  values.set('salary.bonusTiedTo', listInWords(salary.bonuses.tiedTo));
  values.set('salary.factors', listInWords(salary.factors));

  for (const stage of ladder.stages) {
    values.set(`ladder.${stage.id}.titles`, listInWords(stage.titles, 'or'));
    values.set(`ladder.${stage.id}.years`, formatYears(stage.years));
    values.set(`ladder.${stage.id}.level`, stage.level);
  }
  values.set(
    'ladder.table',
    ladder.stages
      .map((s) => `- ${s.level}: ${listInWords(s.titles, 'or')} (${formatYears(s.years)})`)
      .join('\n'),
  );

  for (const category of skills.categories) {
    values.set(`skills.${category.id}.list`, listInWords(category.skills));
    values.set(`skills.${category.id}.name`, category.name);
  }
  values.set('skills.table', skills.categories.map((c) => `- ${c.name}: ${listInWords(c.skills)}`).join('\n'));
  return values;
}

/** Placeholder names used in a text that the data does not define. */
export function unknownPlaceholders(text: string, values: Map<string, string>): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !values.has(name));
}

export function renderTemplate(text: string, values: Map<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
}
