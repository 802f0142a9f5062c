// Reads knowledge/, validates every file against its schema and the cross-references between
// files, and reports each problem with its file, line and field. A knowledge base with any
// problem is refused as a whole: the bot never starts half-working.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parse, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { repoRoot } from '../lib/paths';
import {
  entriesFileSchema,
  flowsFileSchema,
  ladderFileSchema,
  messagesFileSchema,
  outOfScopeFileSchema,
  salaryFileSchema,
  skillsFileSchema,
  smalltalkFileSchema,
  synonymsFileSchema,
  tuningFileSchema,
  type Entry,
  type FlowsData,
  type LadderData,
  type MessagesData,
  type OutOfScopeData,
  type SalaryData,
  type SkillsData,
  type SmalltalkData,
  type SynonymsData,
  type TuningData,
} from './schema';
import { findCounterexampleClashes } from './counterexamples';
import { buildTemplateValues, renderTemplate, unknownPlaceholders } from './templates';

export interface KnowledgeBase {
  /** Entries with their answers rendered from the structured data. */
  entries: Entry[];
  salary: SalaryData;
  ladder: LadderData;
  skills: SkillsData;
  synonyms: SynonymsData;
  smalltalk: SmalltalkData;
  messages: MessagesData;
  outOfScope: OutOfScopeData;
  flows: FlowsData;
  tuning: TuningData;
}

export interface Problem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The knowledge base has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

export function formatProblem(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where} ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** The repository's own knowledge/ folder, found from this file whether it runs from src/ or dist/src/. */
export const defaultKnowledgeDir = path.join(repoRoot, 'knowledge');

const SINGLE_FILES = {
  salary: ['salary.yaml', salaryFileSchema],
  ladder: ['career-ladder.yaml', ladderFileSchema],
  skills: ['skills.yaml', skillsFileSchema],
  synonyms: ['synonyms.yaml', synonymsFileSchema],
  smalltalk: ['smalltalk.yaml', smalltalkFileSchema],
  messages: ['messages.yaml', messagesFileSchema],
  outOfScope: ['out-of-scope.yaml', outOfScopeFileSchema],
  flows: ['flows.yaml', flowsFileSchema],
  tuning: ['tuning.yaml', tuningFileSchema],
} as const;

const ENTRIES_DIR = 'entries';

/** A parsed file kept with its YAML document, so later checks can point at lines. */
interface Parsed<T> {
  file: string;
  /** The YAML document and its line index; only kept when reading precisely (see loadKnowledge). */
  doc?: Document;
  lines?: LineCounter;
  data: T;
}

export function loadKnowledge(dir: string = defaultKnowledgeDir): KnowledgeBase {
  // A plain parse is enough for a healthy knowledge base and keeps start-up lean; only when it
  // finds a problem are the files read again with YAML documents, to point at lines.
  try {
    return read(dir, false);
  } catch (error) {
    if (error instanceof KnowledgeError) return read(dir, true);
    throw error;
  }
}

function read(dir: string, precise: boolean): KnowledgeBase {
  const problems: Problem[] = [];
  const single = Object.fromEntries(
    Object.entries(SINGLE_FILES).map(([key, [name, schema]]) => [key, readYaml(dir, name, schema, problems, precise)]),
  ) as { [K in keyof typeof SINGLE_FILES]: Parsed<z.infer<(typeof SINGLE_FILES)[K][1]>> | undefined };

  const entryFiles = listEntryFiles(dir, problems).map((name) =>
    readYaml(dir, path.join(ENTRIES_DIR, name), entriesFileSchema, problems, precise),
  );
  if (problems.length) throw new KnowledgeError(problems);

  const kb = {
    salary: single.salary!.data,
    ladder: single.ladder!.data,
    skills: single.skills!.data,
    synonyms: single.synonyms!.data,
    smalltalk: single.smalltalk!.data,
    messages: single.messages!.data,
    outOfScope: single.outOfScope!.data,
    flows: single.flows!.data,
    tuning: single.tuning!.data,
  };
  const located = entryFiles.flatMap((f) => f!.data.entries.map((entry, index) => ({ entry, index, source: f! })));
  problems.push(...checkReferences(located, kb, single.messages!, single.flows!, single.ladder!, single.salary!));
  if (problems.length) throw new KnowledgeError(problems);
  return buildKnowledgeBase({ ...kb, entries: located.map((l) => l.entry) });
}

/** Renders answers from structured data. Also used directly by benchmarks with generated entries. */
export function buildKnowledgeBase(raw: KnowledgeBase): KnowledgeBase {
  const values = buildTemplateValues(raw);
  return { ...raw, entries: raw.entries.map((e) => ({ ...e, answer: renderTemplate(e.answer, values) })) };
}

function listEntryFiles(dir: string, problems: Problem[]): string[] {
  try {
    return readdirSync(path.join(dir, ENTRIES_DIR))
      .filter((name) => /\.ya?ml$/.test(name))
      .sort();
  } catch {
    problems.push({ file: path.join(path.basename(dir), ENTRIES_DIR), message: 'folder of entry files is missing' });
    return [];
  }
}

/** A place inside an entry: ['answer'], ['alternates', 2] ... */
export type EntryPath = (string | number)[];

/**
 * Where things in the entries are written, as problems name them ("knowledge/entries/role.yaml:35"),
 * for kb:check's hints about a knowledge base that loads: `where('pay', ['alternates', 2])`. A path
 * the entry does not have points at the entry; an id in no entry file that parses is undefined.
 */
export function entryLocator(dir: string): (entryId: string, p: EntryPath) => string | undefined {
  const byId = new Map<string, { source: Parsed<{ entries: Entry[] }>; index: number }>();
  for (const name of listEntryFiles(dir, [])) {
    const source = readYaml(dir, path.join(ENTRIES_DIR, name), entriesFileSchema, [], true);
    source?.data.entries.forEach((entry, index) => {
      if (!byId.has(entry.id)) byId.set(entry.id, { source, index });
    });
  }
  return (entryId, p) => {
    const found = byId.get(entryId);
    if (!found) return undefined;
    const line = lineOf(found.source.doc, found.source.lines, ['entries', found.index, ...p]);
    return line ? `${found.source.file}:${line}` : found.source.file;
  };
}

/** Exported for knowledge files the bot itself never reads (self-test.yaml). */
export function readYaml<S extends z.ZodType>(
  dir: string,
  name: string,
  schema: S,
  problems: Problem[],
  precise: boolean,
): Parsed<z.infer<S>> | undefined {
  const file = path.join(path.basename(dir), name);
  let source: string;
  try {
    source = readFileSync(path.join(dir, name), 'utf8');
  } catch {
    problems.push({ file, message: 'file is missing or unreadable' });
    return undefined;
  }
  if (!precise) {
    let parsed: unknown;
    try {
      parsed = parse(source, { uniqueKeys: true });
    } catch (error) {
      problems.push({ file, message: `YAML syntax: ${firstLine((error as Error).message)}` });
      return undefined;
    }
    const quick = schema.safeParse(parsed);
    if (quick.success) return { file, data: quick.data };
    problems.push({ file, message: 'does not match its schema' });
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    for (const error of doc.errors) {
      problems.push({ file, line: lines.linePos(error.pos[0]).line, message: `YAML syntax: ${firstLine(error.message)}` });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      const issuePath = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      problems.push({ file, line: lineOf(doc, lines, issuePath), field: describePath(doc, issuePath), message: editorMessage(issue) });
    }
    return undefined;
  }
  return { file, doc, lines, data: result.data };
}

/** zod's wording, made plainer for a missing field ("expected string, received undefined"). */
function editorMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return `is required (${issue.expected})`;
  return issue.message;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

/** The line of the node at `p`, or of its nearest existing parent (a missing field points at its entry). */
function lineOf(doc: Document | undefined, lines: LineCounter | undefined, p: (string | number)[]): number | undefined {
  if (!doc || !lines) return undefined;
  for (let depth = p.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(p.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** "entries[3] (salary-entry).followUps[1]": the index plus the entry id, which is what editors search for. */
function describePath(doc: Document, p: (string | number)[]): string {
  let out = '';
  p.forEach((part, i) => {
    if (typeof part === 'number') {
      out += `[${part}]`;
      const id = doc.getIn([...p.slice(0, i + 1), 'id']);
      if (typeof id === 'string') out += ` (${id})`;
    } else {
      out += out ? `.${part}` : part;
    }
  });
  return out || '(file)';
}

interface LocatedEntry {
  entry: Entry;
  index: number;
  source: Parsed<{ entries: Entry[] }>;
}

function checkReferences(
  located: LocatedEntry[],
  kb: Omit<KnowledgeBase, 'entries'>,
  messagesFile: Parsed<MessagesData>,
  flowsFile: Parsed<FlowsData>,
  ladderFile: Parsed<LadderData>,
  salaryFile: Parsed<SalaryData>,
): Problem[] {
  const problems: Problem[] = [];
  const at = (l: LocatedEntry, field: string, message: string, sub: (string | number)[] = []): Problem => ({
    file: l.source.file,
    line: lineOf(l.source.doc, l.source.lines, ['entries', l.index, ...sub]),
    field: `entries[${l.index}] (${l.entry.id}).${field}`,
    message,
  });

  const firstById = new Map<string, LocatedEntry>();
  const firstByTitle = new Map<string, LocatedEntry>();
  for (const l of located) {
    const earlier = firstById.get(l.entry.id);
    if (earlier) {
      const firstLine = lineOf(earlier.source.doc, earlier.source.lines, ['entries', earlier.index, 'id']);
      problems.push(at(l, 'id', `duplicate id; first used in ${earlier.source.file}${firstLine ? `:${firstLine}` : ''}`, ['id']));
    }
    else firstById.set(l.entry.id, l);
    const title = l.entry.title.toLowerCase();
    const sameTitle = firstByTitle.get(title);
    if (sameTitle) problems.push(at(l, 'title', `same title as "${sameTitle.entry.id}"; titles are button labels and must differ`, ['title']));
    else firstByTitle.set(title, l);
  }

  for (const c of findCounterexampleClashes(located.map((l) => l.entry), kb.synonyms.abbreviations)) {
    const sub = ['counterexamples', c.counterexample];
    problems.push(at(located[c.entry], `counterexamples[${c.counterexample}]`, c.message, sub));
  }

  const bands = new Set(kb.salary.bands.map((b) => b.id));
  const stages = new Set(kb.ladder.stages.map((s) => s.id));
  const values = buildTemplateValues(kb);
  for (const l of located) {
    l.entry.followUps.forEach((id, i) => {
      if (!firstById.has(id)) problems.push(at(l, `followUps[${i}]`, `unknown entry id "${id}"`, ['followUps', i]));
      else if (id === l.entry.id) problems.push(at(l, `followUps[${i}]`, 'an entry cannot follow up to itself', ['followUps', i]));
    });
    const { salaryBand, ladderStage } = l.entry.facets ?? {};
    if (salaryBand && !bands.has(salaryBand))
      problems.push(at(l, 'facets.salaryBand', `unknown salary band "${salaryBand}" (salary.yaml has ${[...bands].join(', ')})`, ['facets', 'salaryBand']));
    if (ladderStage && !stages.has(ladderStage))
      problems.push(at(l, 'facets.ladderStage', `unknown career stage "${ladderStage}" (career-ladder.yaml has ${[...stages].join(', ')})`, ['facets', 'ladderStage']));
    for (const name of unknownPlaceholders(l.entry.answer, values)) {
      problems.push(at(l, 'answer', `unknown placeholder {{${name}}}`, ['answer']));
    }
  }

  const unknownId = (file: Parsed<unknown>, p: (string | number)[], known: Set<string> | Map<string, unknown>, id: string, what: string) => {
    if (known.has(id)) return;
    problems.push({ file: file.file, line: lineOf(file.doc, file.lines, p), field: p.map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`)).join('').replace(/^\./, ''), message: `unknown ${what} "${id}"` });
  };
  kb.messages.mainTopics.forEach((id, i) => unknownId(messagesFile, ['mainTopics', i], firstById, id, 'entry id'));
  unknownId(messagesFile, ['apply', 'entry'], firstById, kb.messages.apply.entry, 'entry id');
  const marketEntry = kb.salary.majorMarkets.entry;
  if (marketEntry) unknownId(salaryFile, ['majorMarkets', 'entry'], firstById, marketEntry, 'entry id');
  for (const flow of ['careerPath', 'skillsCheck', 'salaryEstimate', 'breakingIn'] as const) {
    kb.flows[flow].offeredBy.forEach((id, i) => unknownId(flowsFile, [flow, 'offeredBy', i], firstById, id, 'entry id'));
  }
  kb.flows.followUpContext.topics.forEach((t, i) =>
    t.entries.forEach((id, j) => unknownId(flowsFile, ['followUpContext', 'topics', i, 'entries', j], firstById, id, 'entry id')),
  );
  const categories = new Set(kb.skills.categories.map((c) => c.id));
  kb.ladder.stages.forEach((stage, i) => {
    stage.focusSkills.forEach((id, j) => unknownId(ladderFile, ['stages', i, 'focusSkills', j], categories, id, 'skill category'));
    unknownId(ladderFile, ['stages', i, 'salaryBand'], bands, stage.salaryBand, 'salary band');
  });
  return problems;
}
