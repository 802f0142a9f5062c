import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../src/lib/http';

const deeper = (text: string, max: number) => nestsDeeperThan(Buffer.from(text), max);

describe('nestsDeeperThan', () => {
  it('counts objects and arrays together', () => {
    expect(deeper('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(deeper('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(deeper('1', 0)).toBe(false);
    expect(deeper('[]', 0)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(deeper('{"a":"[[[{{{"}', 1)).toBe(false);
    expect(deeper('{"a":"\\"[[[\\\\"}', 1)).toBe(false);
    // The string ends at the unescaped quote after an escaped backslash; the brackets after it count.
    expect(deeper('{"a":"\\\\",  "b":[[]]}', 2)).toBe(true);
  });

  it('closing brackets bring the depth back down', () => {
    expect(deeper('[[],[],[],[]]', 2)).toBe(false);
    expect(deeper('['.repeat(10) + ']'.repeat(10) + '['.repeat(10) + ']'.repeat(10), 10)).toBe(false);
  });
});
