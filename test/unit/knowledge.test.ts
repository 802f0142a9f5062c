// Knowledge validation: the minimal valid fixture (test/fixtures/kb-valid-min/) and the real
// knowledge base load; broken variants are in knowledge-broken.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Analyzer } from '../../src/search/analyzer';
import { loadKnowledge, type KnowledgeBase } from '../../src/knowledge/load';
import { REAL, VALID } from '../support/kb-variants';

describe('the minimal valid fixture', () => {
  it('loads, with answers rendered from the structured data', () => {
    const kb = loadKnowledge(VALID);
    expect(kb.entries.map((e) => e.id).sort()).toEqual(['pay', 'pay-entry', 'reports-to']);
    const pay = kb.entries.find((e) => e.id === 'pay')!;
    expect(pay.answer).toContain('$45,000–$55,000');
    expect(pay.answer).toContain('$100,000–$150,000 or more');
    expect(pay.answer).not.toContain('{{');
    const reports = kb.entries.find((e) => e.id === 'reports-to')!;
    expect(reports.answer).toContain('Account Coordinator or Account Executive (0–2 years)');
    expect(reports.answer).toContain('active listening and presenting');
  });

  it('fills defaults for optional fields', () => {
    const kb = loadKnowledge(VALID);
    expect(kb.entries.find((e) => e.id === 'pay-entry')!.keywords).toEqual([]);
    expect(kb.entries.find((e) => e.id === 'pay-entry')!.counterexamples).toEqual([]);
    expect(kb.salary.bands.find((b) => b.id === 'entry')!.openEnded).toBe(false);
  });
});

describe('the real knowledge base', () => {
  let kb: KnowledgeBase;
  let ids: Set<string>;
  beforeAll(() => {
    kb = loadKnowledge();
    ids = new Set(kb.entries.map((e) => e.id));
  });

  it('loads from knowledge/ with no arguments', () => {
    expect(kb.entries.length).toBeGreaterThan(10);
    expect(ids.size).toBe(kb.entries.length);
  });

  it('resolves every follow-up and main topic', () => {
    for (const entry of kb.entries) for (const id of entry.followUps) expect(ids.has(id), `${entry.id} -> ${id}`).toBe(true);
    for (const id of kb.messages.mainTopics) expect(ids.has(id), `mainTopics -> ${id}`).toBe(true);
  });

  it('renders every placeholder', () => {
    for (const entry of kb.entries) expect(entry.answer, entry.id).not.toMatch(/\{\{/);
  });

  it('links every facet to structured data that exists', () => {
    const bands = new Set(kb.salary.bands.map((b) => b.id));
    const stages = new Set(kb.ladder.stages.map((s) => s.id));
    for (const entry of kb.entries) {
      if (entry.facets?.salaryBand) expect(bands.has(entry.facets.salaryBand), entry.id).toBe(true);
      if (entry.facets?.ladderStage) expect(stages.has(entry.facets.ladderStage), entry.id).toBe(true);
    }
  });

  it('gives every entry three to five counterexamples for the bot to decline', () => {
    const outside = kb.entries.filter((e) => e.counterexamples.length < 3 || e.counterexamples.length > 5).map((e) => e.id);
    expect(outside).toEqual([]);
  });

  it('is read from the same folder when the path is given explicitly', () => {
    expect(loadKnowledge(REAL).entries.map((e) => e.id)).toEqual(kb.entries.map((e) => e.id));
  });

  it('has synonym groups whose members all read as the same term', () => {
    // A member that stems like a word of another group ("responsive" -> "respons", as in
    // "responsibilities") would silently join that group instead.
    const analyzer = new Analyzer(kb.synonyms.abbreviations, kb.synonyms.groups);
    const strays: string[] = [];
    for (const group of kb.synonyms.groups) {
      const expected = JSON.stringify(analyzer.sequence(group[0]));
      for (const member of group)
        if (JSON.stringify(analyzer.sequence(member)) !== expected) strays.push(`${member} (group of "${group[0]}")`);
    }
    expect(strays).toEqual([]);
  });

  it('holds every entry written in knowledge/entries', () => {
    const dir = path.join(REAL, 'entries');
    const onDisk = readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .flatMap((f) => (parse(readFileSync(path.join(dir, f), 'utf8')).entries as { id: string }[]).map((e) => e.id));
    expect(onDisk.length).toBe(kb.entries.length);
    for (const id of onDisk) expect(ids.has(id), id).toBe(true);
  });
});
