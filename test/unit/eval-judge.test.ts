// The in-process judge must agree with the black-box judge (faq-eval.mjs): same visible content, same
// normalization, same all/any/none rules, same kind checks.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { missedFloors, parseArgs, run } from '../../src/cli/eval';
import { summarizeRows, type EvalRow } from '../../src/eval/evaluate';
import { parseJsonl } from '../../src/eval/files';
import { judge, matchedLabel, normalizeShown, visibleReply, visibleText } from '../../src/eval/judge';
import { summarize } from '../../src/lib/stats';
import { formatStyleRates } from '../../src/eval/style-rates';

describe('normalizeShown', () => {
  it('folds case, drops $ and commas, turns dashes into hyphens and squeezes spaces', () => {
    expect(normalizeShown('$45,000\u2013$60,000  A\u2014B\u2212C\n x')).toBe('45000-60000 a-b-c x');
  });
  it('keeps "45k" distinct from 45,000', () => {
    expect(normalizeShown('45k').includes(normalizeShown('45,000'))).toBe(false);
  });
});

describe('visibleText', () => {
  it('reads the text and every string inside attachments, but not urls, types or versions', () => {
    const shown = visibleText({
      text: 'Hello',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: 'Card body' },
              { type: 'Image', url: 'https://x/y.png' },
            ],
            actions: [{ type: 'Action.Submit', title: 'Button', data: 'data:abc' }],
          },
        },
      ],
    });
    expect(shown.split('\n')).toEqual(['Hello', 'Card body', 'Button']);
  });
  it('ignores suggested actions, as the black-box judge does', () => {
    const shown = visibleText({ text: 'Hi', suggestedActions: { actions: [{ title: 'Salary' }] } } as never);
    expect(shown).toBe('Hi');
  });
  it('reads message activities only (and activities without a type)', () => {
    expect(visibleReply([{ type: 'trace', text: 'no' }, { type: 'message', text: 'a' }, { text: 'b' }])).toBe('a\nb');
  });
});

describe('judge', () => {
  const item = { id: 'x', q: 'q', all: ['client'], any: ['liaison', 'link'], none: ['45,000'] };
  it('passes when every all, one any and no none string is shown', () => {
    expect(judge(item, 'answer', 'The CLIENT link')).toBeNull();
  });
  it('reports missing all strings first', () => {
    expect(judge(item, 'answer', 'a link', 'e1')).toBe('missing ["client"] (kind=answer, top=e1)');
  });
  it('reports a missing any', () => {
    expect(judge(item, 'fallback', 'client', null)).toBe('none of any ["liaison","link"] (kind=fallback, top=null)');
  });
  it('reports an unfocused answer', () => {
    expect(judge(item, 'answer', 'client link $45,000', 'e2')).toBe('unfocused: has ["45,000"] (top=e2)');
  });
  it('treats an empty any as satisfied', () => {
    expect(judge({ id: 'y', q: 'q', all: ['a'], any: [] }, 'answer', 'a')).toBeNull();
  });
  it('expects a fallback for oos and small talk for smalltalk, whatever the text', () => {
    expect(judge({ id: 'o', q: 'q', kind: 'oos' }, 'fallback', '')).toBeNull();
    expect(judge({ id: 'o', q: 'q', kind: 'oos' }, 'clarify', '')).toBe('kind=clarify');
    expect(judge({ id: 's', q: 'q', kind: 'smalltalk', any: ['hello'] }, 'smalltalk', 'nope')).toBeNull();
    expect(judge({ id: 's', q: 'q', kind: 'smalltalk' }, 'answer', '')).toBe('kind=answer');
  });
});

describe('matchedLabel', () => {
  it('names the answered entry, the clarify choices, or the kind', () => {
    const top = [
      { id: 'a', title: 'A', score: 0.9 },
      { id: 'b', title: 'B', score: 0.88 },
    ];
    expect(matchedLabel({ kind: 'answer', top, answer: { id: 'a', title: 'A', text: '', followUps: [] } })).toBe('a');
    expect(matchedLabel({ kind: 'clarify', top, choices: top })).toBe('clarify(a|b)');
    expect(matchedLabel({ kind: 'fallback', top })).toBe('fallback');
  });
});

describe('parseJsonl', () => {
  it('skips blank lines and names the line of bad JSON', () => {
    expect(parseJsonl('{"id":"a","q":"x"}\n\n{"id":"b","q":"y"}\n')).toHaveLength(2);
    expect(() => parseJsonl('{"id":"a"}\n{oops', 'f.jsonl')).toThrow(/f\.jsonl:2/);
  });
});

describe('summarizeRows', () => {
  const row = (id: string, group: string, topic: string, ok: boolean, matched: string, style?: string): EvalRow => ({
    id,
    q: id,
    group,
    topic,
    style,
    ok,
    why: ok ? null : 'x',
    kind: 'answer',
    top: [],
    matched,
    matchMs: 0.1,
    shown: '',
  });
  const rows = [
    row('1', 'inscope', 'salary', true, 'salary-entry', 'typo'),
    row('2', 'inscope', 'salary', false, 'skills', 'slang'),
    row('3', 'inscope', 'skills', false, 'fallback', 'typo'),
    row('4', 'inscope', 'skills', false, 'fallback'),
    row('5', 'oos', 'oos', true, 'fallback'),
    row('6', 'smalltalk', 'smalltalk', true, 'smalltalk'),
  ];
  const r = summarizeRows(rows, { files: [], channelId: 'emulator', timing: { match: summarize([1]), render: summarize([1]) } });
  it('computes the overall and per-group rates', () => {
    expect(r.overall).toEqual({ pass: 3, total: 6, rate: 0.5 });
    expect(r.inscope).toBe(0.25);
    expect(r.oosDecline).toBe(1);
    expect(r.smalltalk).toBe(1);
  });
  it('lists topics worst first within their group, with what they matched', () => {
    expect(r.topics.map((t) => t.topic)).toEqual(['skills', 'salary', 'oos', 'smalltalk']);
    expect(r.topics[0].matched).toEqual([{ label: 'fallback', count: 2 }]);
  });
  it('counts confusion pairs of failures only', () => {
    expect(r.confusion).toEqual([
      { expected: 'skills', matched: 'fallback', count: 2 },
      { expected: 'salary', matched: 'skills', count: 1 },
    ]);
  });
  it('counts each style of in-scope question, in style name order, leaving out rows without one', () => {
    expect(r.styles).toEqual([
      { style: 'slang', pass: 0, total: 1, rate: 0 },
      { style: 'typo', pass: 1, total: 2, rate: 0.5 },
    ]);
  });
  it('prints the per-style table, and nothing when no question has a style', () => {
    const printed = formatStyleRates(r.styles).join('\n');
    expect(printed).toMatch(/^slang +1 +0 +0\.0%$/m);
    expect(printed).toMatch(/^typo +2 +1 +50\.0%$/m);
    expect(formatStyleRates([])).toEqual([]);
  });
  it('reports missed floors', () => {
    expect(missedFloors(r, { inscope: 0.2, oos: 1 })).toEqual([]);
    expect(missedFloors(r, { inscope: 0.9 })).toHaveLength(1);
  });
});

describe('parseArgs', () => {
  it('defaults to the three development files', () => {
    expect(parseArgs([]).files.map((f) => f.split(/[\\/]/).pop())).toEqual(['dev.jsonl', 'oos-dev.jsonl', 'smalltalk-dev.jsonl']);
  });
  it('reads files, --json, --show-pass and floors as fractions or percentages', () => {
    const o = parseArgs([
      'a.jsonl',
      '--json',
      'out.json',
      '--show-pass',
      '--min-inscope',
      '90',
      '--min-oos=0.85',
      '--min-smalltalk',
      '100%',
    ]);
    expect(o.files).toEqual(['a.jsonl']);
    expect(o.json).toBe('out.json');
    expect(o.showPass).toBe(true);
    expect(o.min).toEqual({ inscope: 0.9, oos: 0.85, smalltalk: 1 });
  });
  it('refuses unknown options and bad floors', () => {
    expect(() => parseArgs(['--nope'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--min-oos', 'abc'])).toThrow(/fraction/);
    expect(() => parseArgs(['--json'])).toThrow(/needs a value/);
  });
});

describe('npm run eval with a broken knowledge base', () => {
  it('prints the problem with its file and field and exits 2, with no stack trace', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eval-broken-kb-'));
    try {
      cpSync(path.resolve(__dirname, '../fixtures/kb-valid-min'), dir, { recursive: true });
      const tuning = path.join(dir, 'tuning.yaml');
      writeFileSync(tuning, readFileSync(tuning, 'utf8').replace(/^weights:/m, 'weights:\n  nosuch: 1'));
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.join(' ')));
      try {
        expect(run(['--kb', dir])).toBe(2);
      } finally {
        spy.mockRestore();
      }
      const printed = errors.join('\n');
      expect(printed).toMatch(/tuning\.yaml:\d+ weights: Unrecognized key: "nosuch"/);
      expect(printed).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
