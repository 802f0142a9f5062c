// Small talk is recognised only when the whole message is small talk.
import { describe, expect, it } from 'vitest';
import { SMALLTALK_THRESHOLD, SmalltalkMatcher } from '../../src/search/smalltalk';

const matcher = new SmalltalkMatcher(
  [
    { id: 'greeting', examples: ['hello', 'hi', 'good morning', 'hey there'] },
    { id: 'thanks', examples: ['thanks', 'thank you', 'appreciate it'] },
    { id: 'goodbye', examples: ['goodbye', 'bye', 'see you later'] },
    { id: 'capabilities', examples: ['what can you do', 'what can I ask'] },
  ],
  { thx: 'thanks', u: 'you', ty: 'thanks' },
);
const intent = (text: string) => matcher.match(text)?.id;

describe('SmalltalkMatcher', () => {
  it('recognises greetings, thanks and goodbyes', () => {
    expect(intent('hi')).toBe('greeting');
    expect(intent('Hello!')).toBe('greeting');
    expect(intent('Good morning')).toBe('greeting');
    expect(intent('thanks')).toBe('thanks');
    expect(intent('Thank you!!')).toBe('thanks');
    expect(intent('bye')).toBe('goodbye');
    expect(intent('see you later')).toBe('goodbye');
  });

  it('accepts decoration words around the small talk', () => {
    expect(intent('thanks so much')).toBe('thanks');
    expect(intent('thank you very much')).toBe('thanks');
    expect(intent('ok thanks a lot')).toBe('thanks');
    expect(intent('hello there bot')).toBe('greeting');
    expect(intent('bye then')).toBe('goodbye');
  });

  it('applies chat abbreviations', () => {
    expect(intent('thx')).toBe('thanks');
    expect(intent('what can u do')).toBe('capabilities');
  });

  it('prefers the intent with the longest example found in full', () => {
    expect(intent('what can you do')).toBe('capabilities');
  });

  it('reports a score in [0, 1] at or above the threshold', () => {
    const match = matcher.match('thanks so much');
    expect(match).toBeDefined();
    expect(match!.score).toBeGreaterThanOrEqual(SMALLTALK_THRESHOLD);
    expect(match!.score).toBeLessThanOrEqual(1);
  });

  it('does not treat a question with a greeting in front as small talk', () => {
    expect(matcher.match('hi, what do account managers earn')).toBeUndefined();
    expect(matcher.match('hello, who do AMs report to?')).toBeUndefined();
    expect(matcher.match('thanks, and what skills do I need')).toBeUndefined();
  });

  it('does not treat messages of more than eight words as small talk', () => {
    expect(matcher.match('hello hello hello hello hello hello hello hello hello')).toBeUndefined();
    expect(matcher.match('thank you thank you thank you thank you thank you')).toBeUndefined();
  });

  it('repairs typos in longer small-talk words', () => {
    expect(intent('helo')).toBe('greeting');
    expect(intent('thnaks')).toBe('thanks');
    expect(intent('goodbey')).toBe('goodbye');
    expect(intent('good mornign')).toBe('greeting');
  });

  it('does not repair very short words into small talk', () => {
    expect(matcher.match('ho')).toBeUndefined();
    expect(matcher.match('by')).toBeUndefined();
  });

  it('returns undefined for empty, punctuation-only or unrelated input', () => {
    expect(matcher.match('')).toBeUndefined();
    expect(matcher.match('   ')).toBeUndefined();
    expect(matcher.match('?!')).toBeUndefined();
    expect(matcher.match('\u{1F44B}')).toBeUndefined();
    expect(matcher.match('account manager salary')).toBeUndefined();
  });

  it('works with no intents at all', () => {
    const none = new SmalltalkMatcher([], {});
    expect(none.match('hello')).toBeUndefined();
  });
});
