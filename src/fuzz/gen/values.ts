// Building blocks shared by the generators: odd strings, odd values, deeply nested JSON and
// prototype-pollution payloads. Deep JSON is spliced in as text (see DEEP), so neither the
// fuzzer nor a stack limit of its own decides how deep a body can go.
import { intBetween, pick, type Rng } from '../../lib/prng';
import { chance } from './spec';

/** The marker prototype-pollution payloads try to plant; no honest response ever contains it. */
export const POLLUTION_MARKER = 'fuzzpolluted';

export const QUESTIONS = [
  'what does an account manager do',
  'how much does an account manager earn',
  'salary',
  'career path',
  'what skills do I need',
  'how do I apply',
  'hello',
  'hi',
  'thanks',
  'bye',
  'help',
  'cancel',
  'start over',
  'None of these',
  'and for seniors?',
  'what about NYC?',
  'skills check',
  'salary estimate',
  'breaking in',
  'yes',
  'no',
  '1',
  '2.',
  'A',
  'B',
  'C',
  'next stage',
  'done',
  'is there remote work',
  'what is the interview like',
  'account mangaer salery',
  'how long to get promoted',
  'quota',
  'commission',
  'benefits',
  '?',
  '...',
];

const ODD_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\uFEFFhello',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D',
  'e\u0301\u0301\u0301',
  '\uD800',
  '\uDFFF',
  'x\uD83D',
  '\uD83D\uDE00\uD83D\uDE00',
  '\uFFFF',
  '\uFFFE',
  '𝕬𝖈𝖈𝖔𝖚𝖓𝖙',
  '账户经理的工资',
  'مدير الحساب',
  'Z̷̢̛̛a̶̧l̷g̶o̷',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '${7*7}',
  '{{7*7}}',
  '%s%s%n',
  '../../../../etc/passwd',
  'C:\\Windows\\win.ini',
  '\\\\server\\share',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '-1',
  '1e309',
  '0x10',
  '[object Object]',
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '\r\nSet-Cookie: x=1',
];

/** A string people or attackers might send: a question, an odd one, or a mix of both. */
export function oddString(rng: Rng): string {
  switch (intBetween(rng, 0, 5)) {
    case 0:
      return pick(rng, QUESTIONS);
    case 1:
      return pick(rng, ODD_STRINGS);
    case 2:
      return `${pick(rng, QUESTIONS)} ${pick(rng, ODD_STRINGS)}`;
    case 3:
      return pick(rng, ODD_STRINGS).repeat(intBetween(rng, 2, 300));
    case 4:
      return randomUnicode(rng, intBetween(rng, 1, 80));
    default:
      return 'x'.repeat(pick(rng, [1999, 2000, 2001, 4000, 10_000, 70_000]));
  }
}

/** Code points from every plane, including surrogates, controls and non-characters. */
export function randomUnicode(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const range = pick(rng, [
      [0, 0x1f],
      [0x20, 0x7e],
      [0x80, 0x2ff],
      [0x300, 0x36f],
      [0x590, 0x6ff],
      [0x4e00, 0x4eff],
      [0xd800, 0xdfff],
      [0xfff0, 0xffff],
      [0x1f300, 0x1f6ff],
      [0xe0000, 0xe007f],
    ] as const);
    const cp = intBetween(rng, range[0], range[1]);
    s += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  }
  return s;
}

/** A value of any JSON type, sometimes a nested one. */
export function oddValue(rng: Rng, depth = 0): unknown {
  switch (intBetween(rng, 0, depth > 2 ? 5 : 8)) {
    case 0:
      return null;
    case 1:
      return pick(rng, [true, false]);
    case 2:
      return pick(rng, [0, -1, 1.5, 2 ** 53 + 1, -0, 1e308, Number.MIN_VALUE]);
    case 3:
      return oddString(rng);
    case 4:
      return '';
    case 5:
      return deep(rng, intBetween(rng, 2, 40));
    case 6:
      return Array.from({ length: intBetween(rng, 0, 5) }, () => oddValue(rng, depth + 1));
    case 7:
      return { [pick(rng, ['a', 'id', 'type', 'text', '', ' '])]: oddValue(rng, depth + 1) };
    default:
      return pollution(rng);
  }
}

/** A marker that `spliceDeep` replaces with nested JSON text `depth` levels deep. */
export function deep(rng: Rng, depth: number): string {
  return `@DEEP:${depth}:${pick(rng, ['object', 'array', 'mixed'])}@`;
}

/** A nesting depth, mostly small, sometimes far past any sane limit. */
export function deepDepth(rng: Rng): number {
  return pick(rng, [10, 63, 64, 65, 100, 500, 1000, 5000, 7000, 20_000, 100_000]);
}

const DEEP_MARKER = /"@DEEP:(\d+):(object|array|mixed)@"/g;

/** JSON text with every deep() marker replaced by nested JSON. */
export function spliceDeep(json: string): string {
  return json.replace(DEEP_MARKER, (_m, depth: string, kind: string) => nested(Number(depth), kind));
}

export function nested(depth: number, kind: string): string {
  if (kind === 'array') return '['.repeat(depth) + '1' + ']'.repeat(depth);
  if (kind === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return '{"a":['.repeat(depth >> 1) + '{}' + ']}'.repeat(depth >> 1);
}

/** An object whose own keys try to reach Object.prototype when merged or copied naively. */
export function pollution(rng: Rng): unknown {
  const payload = { polluted: POLLUTION_MARKER, isAdmin: true, text: POLLUTION_MARKER, kind: POLLUTION_MARKER, toString: POLLUTION_MARKER };
  const inner = JSON.stringify(payload);
  const shapes = [
    `{"__proto__":${inner}}`,
    `{"constructor":{"prototype":${inner}}}`,
    `{"__proto__":{"__proto__":${inner}}}`,
    `{"prototype":${inner},"__proto__":null}`,
    `{"__defineGetter__":${inner},"hasOwnProperty":"${POLLUTION_MARKER}","valueOf":1}`,
  ];
  // JSON.parse makes "__proto__" an own key, which JSON.stringify writes back out.
  return JSON.parse(pick(rng, shapes));
}

/** Random bytes, sometimes starting like JSON. */
export function binary(rng: Rng, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(rng() * 256);
  if (chance(rng, 0.3) && size > 0) bytes[0] = 0x7b; // '{'
  return bytes;
}

export const randomId = (rng: Rng, prefix: string) => `${prefix}-${Math.floor(rng() * 0xffffffff).toString(36)}`;
