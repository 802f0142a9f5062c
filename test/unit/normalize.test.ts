// normalize(): chat text in, plain lower-case words out.
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/search/normalize';

const CHAT = { u: 'you', ur: 'your', yrs: 'years', r: 'are' } as const;

describe('normalize', () => {
  it('lower-cases and removes punctuation', () => {
    expect(normalize('HELLO!!! World???')).toBe('hello world');
    expect(normalize('Pay, skills; career-path: (all of it).')).toBe('pay skills career path all of it');
  });

  it('shortens chat elongation but keeps ordinary double letters', () => {
    expect(normalize('heyyy thanksss sooo much')).toBe('hey thanks so much');
    expect(normalize('account committee coffee')).toBe('account committee coffee');
  });

  it('squeezes runs of spaces and trims', () => {
    expect(normalize('  how   much\t\tdo\nthey  earn  ')).toBe('how much do they earn');
  });

  it('treats curly quotes like straight ones', () => {
    expect(normalize('what\u2019s the pay')).toBe(normalize("what's the pay"));
    expect(normalize('I don\u2019t know')).toBe('i do not know');
    expect(normalize('\u201cQuoted\u201d words')).toBe('quoted words');
  });

  it('turns typographic dashes into word breaks', () => {
    expect(normalize('entry\u2013level')).toBe('entry level');
    expect(normalize('pay \u2014 and bonuses')).toBe('pay and bonuses');
    expect(normalize('3\u20135 years')).toBe('3 5 years');
  });

  it('expands contractions', () => {
    expect(normalize("What's an account manager?")).toBe('what is an account manager');
    expect(normalize("I don't know")).toBe('i do not know');
    expect(normalize("I'm new here")).toBe('i am new here');
    expect(normalize("I can't decide")).toBe('i can not decide');
    expect(normalize("won't they")).toBe('will not they');
    expect(normalize("they're paid")).toBe('they are paid');
    expect(normalize("I've heard")).toBe('i have heard');
  });

  it('drops possessive \'s but keeps "is" contractions', () => {
    expect(normalize("the client's budget")).toBe('the client budget');
    expect(normalize("who's my boss")).toBe('who is my boss');
  });

  it('expands "AM" and "AMs" to account manager(s)', () => {
    expect(normalize('What does an AM do?')).toBe('what does an account manager do');
    expect(normalize('how much do AMs earn')).toBe('how much do account managers earn');
    expect(normalize('senior AM salary')).toBe('senior account manager salary');
  });

  it('keeps the lower-case verb "am"', () => {
    expect(normalize('am I getting paid enough')).toBe('am i getting paid enough');
    expect(normalize('how much am I worth')).toBe('how much am i worth');
    expect(normalize('what am i')).toBe('what am i');
  });

  it('reads lower-case "am" after a noun-introducing word as account manager', () => {
    expect(normalize('I want to be an am')).toBe('i want to be an account manager');
    expect(normalize('what does a senior am make')).toBe('what does a senior account manager make');
    expect(normalize('life as an am')).toBe('life as an account manager');
  });

  it('applies the chat abbreviations it is given, word by word', () => {
    expect(normalize('u r great, whats ur pay after 7 yrs', CHAT)).toBe('you are great what is your pay after 7 years');
  });

  it('leaves abbreviations alone when no map is given', () => {
    expect(normalize('u r great')).toBe('u r great');
  });

  it('does not rewrite abbreviations inside longer words', () => {
    expect(normalize('upsell during rush', CHAT)).toBe('upsell during rush');
  });

  it('reads "w/" as with and "w/o" as without', () => {
    expect(normalize('working w/ clients')).toBe('working with clients');
    expect(normalize('a job w/o a degree')).toBe('a job without a degree');
    expect(normalize('pay & bonuses')).toBe('pay and bonuses');
  });

  it('keeps digits and letters together ("50k", "b2b")', () => {
    expect(normalize('Is 50k normal in B2B?')).toBe('is 50k normal in b2b');
  });

  it('reads working hours written in digits as words, but not a range of years', () => {
    expect(normalize('Is account management a 24/7 job?')).toBe('is account management a all hours job');
    expect(normalize('is it a 9-5')).toBe('is it a office hours');
    expect(normalize('a nine to five gig')).toBe('a office hours gig');
    expect(normalize('9-5 years in')).toBe('9 5 years in');
    expect(normalize('between 1 9 5')).toBe('between 1 9 5');
  });

  it('returns an empty string for empty, blank, emoji-only or binary-ish input without throwing', () => {
    for (const input of ['', '   ', '\n\t', '\u{1F642}\u{1F642}', '\u0000\u0001\u0002\uFFFD', '?!...', '\uD800', '\u200B\u200B']) {
      expect(() => normalize(input, CHAT)).not.toThrow();
      expect(normalize(input, CHAT)).toBe('');
    }
  });

  it('keeps the words around emoji and control characters', () => {
    expect(normalize('hi \u{1F44B} there\u0000!')).toBe('hi there');
  });

  it('is idempotent', () => {
    for (const input of ["What's an AM's salary w/ 7 yrs?", 'I\u2019m an AM \u2014 u?', 'how much am I getting']) {
      const once = normalize(input, CHAT);
      expect(normalize(once, CHAT)).toBe(once);
    }
  });
});
