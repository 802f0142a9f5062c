// Knowledge validation of broken knowledge bases: each variant of the minimal valid one carries
// deliberate edits, and every problem must name its file, line and field.
import { describe, expect, it } from 'vitest';
import { exactLine, lineOf, problemsOf, replace, shown, variant } from '../support/kb-variants';

describe('a broken knowledge base', () => {
  it('reports a YAML syntax error with its file and line', () => {
    const dir = variant({ 'entries/pay.yaml': replace('    title: Entry-level pay', '    title: Entry: level: pay') });
    const { problems } = problemsOf(dir);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    expect(problems[0].file).toBe(shown(dir, 'entries/pay.yaml'));
    expect(problems[0].line).toBe(lineOf(dir, 'entries/pay.yaml', 'title: Entry: level: pay'));
    expect(problems[0].message).toMatch(/YAML/);
  });

  it('reports tab indentation on its line', () => {
    const dir = variant({ 'entries/pay.yaml': replace('    title: Entry-level pay', '\ttitle: Entry-level pay') });
    const { problems } = problemsOf(dir);
    expect(problems[0]).toMatchObject({ file: shown(dir, 'entries/pay.yaml'), line: lineOf(dir, 'entries/pay.yaml', '\ttitle') });
    expect(problems[0].message).toMatch(/[Tt]ab/);
  });

  it('reports an unclosed bracket at the line where it is noticed, right after it', () => {
    const dir = variant({ 'entries/pay.yaml': replace('keywords: [salary]', 'keywords: [salary') });
    const { problems } = problemsOf(dir);
    const broken = lineOf(dir, 'entries/pay.yaml', 'keywords: [salary');
    expect(problems[0].file).toBe(shown(dir, 'entries/pay.yaml'));
    expect(problems[0].line).toBeGreaterThanOrEqual(broken);
    expect(problems[0].line).toBeLessThanOrEqual(broken + 1);
  });

  it('reports a duplicate key as a YAML error on its line', () => {
    const dir = variant({
      'entries/career.yaml': replace('    title: Who they report to\n', '    title: Who they report to\n    title: Bosses\n'),
    });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'entries/career.yaml'),
      line: lineOf(dir, 'entries/career.yaml', 'title: Bosses'),
    });
  });

  it('reports an unknown follow-up id with file, line and field', () => {
    const dir = variant({
      'entries/career.yaml': replace('    followUps:\n      - pay\n', '    followUps:\n      - pay\n      - nowhere\n'),
    });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'entries/career.yaml'),
      line: lineOf(dir, 'entries/career.yaml', 'nowhere'),
      field: 'entries[0] (reports-to).followUps[1]',
    });
    expect(problems[0].message).toContain('"nowhere"');
  });

  it('reports a follow-up to the entry itself', () => {
    const dir = variant({ 'entries/career.yaml': replace('    followUps:\n      - pay\n', '    followUps:\n      - reports-to\n') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      field: 'entries[0] (reports-to).followUps[0]',
      line: lineOf(dir, 'entries/career.yaml', '- reports-to'),
    });
  });

  it('reports a duplicate id within one file on the second occurrence', () => {
    const dir = variant({
      'entries/pay.yaml': (text) =>
        `${text}  - id: pay-entry\n    title: Starting pay again\n    question: What is the starting pay?\n    alternates: [first salary]\n    answer: Some.\n`,
    });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'entries/pay.yaml'),
      line: lineOf(dir, 'entries/pay.yaml', 'title: Starting pay again') - 1,
      field: 'entries[2] (pay-entry).id',
    });
    expect(problems[0].message).toMatch(/duplicate/);
  });

  it('reports a duplicate id across files and names the file of the first one', () => {
    const dir = variant({
      'entries/career.yaml': (text) =>
        `${text}  - id: pay\n    title: Pay once more\n    question: What is the pay?\n    alternates: [the pay]\n    answer: Some.\n`,
    });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    // Entry files are read in name order, so career.yaml holds the first "pay" and pay.yaml the duplicate.
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'entries/pay.yaml'),
      line: exactLine(dir, 'entries/pay.yaml', '  - id: pay'),
      field: 'entries[0] (pay).id',
    });
    // With the line of the first use, so an editor can jump to it.
    expect(problems[0].message).toContain(`${shown(dir, 'entries/career.yaml')}:${exactLine(dir, 'entries/career.yaml', '  - id: pay')}`);
  });

  it('reports two entries with the same title', () => {
    const dir = variant({ 'entries/career.yaml': replace('title: Who they report to', 'title: Entry-level pay') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toMatch(/\.title$/);
  });

  it('reports a missing field at its entry, naming the field', () => {
    const dir = variant({ 'entries/pay.yaml': replace('    question: What does a junior account manager earn?\n', '') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'entries/pay.yaml'),
      line: lineOf(dir, 'entries/pay.yaml', 'id: pay-entry'),
      field: 'entries[1] (pay-entry).question',
    });
  });

  it('reports an empty field on its own line', () => {
    const dir = variant({ 'entries/career.yaml': replace('    title: Who they report to', '    title: "  "') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: lineOf(dir, 'entries/career.yaml', 'title: "  "'), field: 'entries[0] (reports-to).title' });
    expect(problems[0].message).toMatch(/empty/);
  });

  it('reports an unknown field in an entry', () => {
    const dir = variant({ 'entries/pay.yaml': replace('    keywords: [salary]', '    keyword: [salary]') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toMatch(/^entries\[0\] \(pay\)/);
    expect(problems[0].message).toContain('keyword');
  });

  it('reports a counterexample that reads the same as a question the bot answers', () => {
    const counter = '    counterexamples:\n      - can my account manager waive the fee\n      - "HOW much do AMs earn?!"\n';
    const dir = variant({ 'entries/pay.yaml': replace('    keywords: [salary]\n', `    keywords: [salary]\n${counter}`) });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'entries/pay.yaml'),
      line: lineOf(dir, 'entries/pay.yaml', 'HOW much do AMs earn'),
      field: 'entries[0] (pay).counterexamples[1]',
    });
    expect(problems[0].message).toContain('the question of "pay"');
  });

  it("reports a counterexample equal to another entry's alternate or title", () => {
    const counter = '    counterexamples:\n      - Who is the BOSS of an account manager\n      - entry-level pay\n';
    const dir = variant({ 'entries/pay.yaml': replace('    keywords: [salary]\n', `    keywords: [salary]\n${counter}`) });
    const { problems } = problemsOf(dir);
    expect(problems.map((p) => p.field)).toEqual(['entries[0] (pay).counterexamples[0]', 'entries[0] (pay).counterexamples[1]']);
    expect(problems[0].message).toContain('an alternate of "reports-to"');
    expect(problems[1].message).toContain('the title of "pay-entry"');
  });

  it('reports a counterexample repeated, on its second occurrence', () => {
    const dir = variant({
      'entries/pay.yaml': replace('    keywords: [salary]\n', '    keywords: [salary]\n    counterexamples: [pay of a dentist]\n'),
      'entries/career.yaml': replace('    followUps:\n', '    counterexamples: [Pay of a dentist?]\n    followUps:\n'),
    });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    // career.yaml is read first, so the copy in pay.yaml is the repeat.
    expect(problems[0]).toMatchObject({ file: shown(dir, 'entries/pay.yaml'), field: 'entries[0] (pay).counterexamples[0]' });
    expect(problems[0].message).toContain('counterexamples[0] of "reports-to"');
  });

  it('reports a wrongly typed figure in structured data with its line and field', () => {
    const dir = variant({ 'salary.yaml': replace('    min: 45000', '    min: lots') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: shown(dir, 'salary.yaml'), line: lineOf(dir, 'salary.yaml', 'min: lots') });
    expect(problems[0].field).toMatch(/^bands\[0\] \(entry\)\.min$/);
  });

  it('reports an unknown placeholder in an answer', () => {
    const dir = variant({ 'entries/career.yaml': replace('{{skills.communication.list}}', '{{skills.writing.list}}') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'entries/career.yaml'),
      line: lineOf(dir, 'entries/career.yaml', 'answer:'),
      field: 'entries[0] (reports-to).answer',
    });
    expect(problems[0].message).toContain('skills.writing.list');
  });

  it('reports an unknown salary band or career stage facet', () => {
    const dir = variant({
      'entries/pay.yaml': (t) =>
        replace('salaryBand: entry', 'salaryBand: senior')(replace('ladderStage: entry', 'ladderStage: middle')(t)),
    });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'entries[1] (pay-entry).facets.salaryBand',
          line: lineOf(dir, 'entries/pay.yaml', 'salaryBand: senior'),
        }),
        expect.objectContaining({
          field: 'entries[1] (pay-entry).facets.ladderStage',
          line: lineOf(dir, 'entries/pay.yaml', 'ladderStage: middle'),
        }),
      ]),
    );
    expect(problems.find((p) => p.field!.endsWith('salaryBand'))!.message).toContain('"senior"');
  });

  it('reports an unknown main topic in messages.yaml', () => {
    const dir = variant({ 'messages.yaml': replace('  - reports-to\n', '  - reports-to\n  - nope\n') });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: shown(dir, 'messages.yaml'),
      line: lineOf(dir, 'messages.yaml', '- nope'),
      field: 'mainTopics[2]',
    });
  });

  it('reports a missing file by name', () => {
    const dir = variant({ 'messages.yaml': null });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(shown(dir, 'messages.yaml'));
    expect(problems[0].message).toMatch(/missing/);
  });

  it('reports a missing entries folder', () => {
    const dir = variant({ entries: null });
    const { problems } = problemsOf(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toMatch(/entries$/);
    expect(problems[0].message).toMatch(/missing/);
  });

  it('reports every problem of a file, not just the first', () => {
    const dir = variant({
      'entries/career.yaml': (t) => replace('      - pay\n', '      - ghost\n')(replace('{{skills.communication.list}}', '{{nope}}')(t)),
      'entries/pay.yaml': replace('      - pay-entry\n', '      - phantom\n'),
    });
    const { error, problems } = problemsOf(dir);
    expect(problems).toHaveLength(3);
    for (const needle of ['"ghost"', '{{nope}}', '"phantom"']) expect(problems.some((p) => p.message.includes(needle))).toBe(true);
    expect(error.message).toContain('3 problem');
  });

  it('reports problems in several files at once', () => {
    const dir = variant({
      'entries/pay.yaml': replace('keywords: [salary]', 'keywords: [salary'),
      'entries/career.yaml': replace('    question: Who do account managers report to?\n', ''),
      'salary.yaml': replace('currency: USD', 'currency: DOLLARS'),
    });
    const { problems } = problemsOf(dir);
    const files = new Set(problems.map((p) => p.file));
    expect(files).toEqual(new Set([shown(dir, 'entries/pay.yaml'), shown(dir, 'entries/career.yaml'), shown(dir, 'salary.yaml')]));
    expect(problems.find((p) => p.file === shown(dir, 'salary.yaml'))).toMatchObject({
      field: 'currency',
      line: lineOf(dir, 'salary.yaml', 'currency:'),
    });
  });

  it('reports a major-market entry that does not exist, on its line', () => {
    const dir = variant({
      'salary.yaml': replace(
        '  premiumPercent: { min: 10, max: 20 }\n',
        '  premiumPercent: { min: 10, max: 20 }\n  entry: no-such-entry\n',
      ),
    });
    const { problems } = problemsOf(dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: shown(dir, 'salary.yaml'),
        line: lineOf(dir, 'salary.yaml', 'entry: no-such-entry'),
        field: 'majorMarkets.entry',
      }),
    ]);
    expect(problems[0].message).toMatch(/unknown entry id "no-such-entry"/);
  });
});
