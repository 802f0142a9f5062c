// How the guided flows read replies (src/flows/text.ts, commands.ts): commands, flow requests,
// fillers and typos, and which messages never start a flow.
// Expected values come from the knowledge base (knowledge/*.yaml) wherever practical, so a change
// of figures or titles there does not break these tests, while a change of behaviour does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOW_IDS, type FlowId } from '../../src/flows/commands';
import { fill, indexOfPhrase } from '../../src/flows/text';
import { kb, kit, text, commands, career, salary, skills, breakingIn, followUps, flows } from '../support/flow-fixtures';

describe('createFlowKit', () => {
  it('builds every part from the one knowledge base', () => {
    expect(kit.kb).toBe(kb);
    for (const part of [text, commands, career, salary, skills, breakingIn, followUps]) expect(part).toBeDefined();
    expect(career.stages).toEqual(kb.ladder.stages);
    expect(skills.categories).toEqual(kb.skills.categories);
    expect(salary.bands).toEqual(kb.salary.bands);
  });
});

describe('FlowText', () => {
  describe('words', () => {
    it('normalizes and repairs typos against the flows vocabulary', () => {
      expect(text.words('Senoir acount manger!')).toEqual(['senior', 'account', 'manager']);
      expect(text.words('prety good')).toEqual(['pretty', 'good']);
    });

    it('expands chat shorthand and "AM" without typo repair in plainWords', () => {
      expect(text.plainWords('AE, 3 yrs')).toEqual(['account', 'executive', '3', 'years']);
      expect(text.plainWords('senoir AM')).toEqual(['senoir', 'account', 'manager']);
      expect(text.words('')).toEqual([]);
    });
  });

  describe('core', () => {
    const core = (s: string) => text.core(text.words(s));

    it('strips leading and trailing fillers, repeatedly', () => {
      expect(core("ok let's start over please")).toEqual(['start', 'over']);
      expect(core('um so cancel thanks')).toEqual(['cancel']);
      expect(core('could you estimate my salary now please')).toEqual(['estimate', 'my', 'salary']);
    });

    it('never strips a message down to nothing', () => {
      expect(core('please')).toEqual(['please']);
      expect(core('ok thanks')).toHaveLength(1);
    });
  });

  describe('choice', () => {
    // The career walkthrough's choices, in the order the bot offers them.
    const labels = Object.values(flows.careerPath.choices);
    const indexOf = (label: string) => labels.indexOf(label);

    it('picks a label by its text, in any case and with fillers', () => {
      labels.forEach((label, i) => {
        expect(text.choice(label, labels)).toBe(i);
        expect(text.choice(label.toUpperCase(), labels)).toBe(i);
        expect(text.choice(`ok ${label} please`, labels)).toBe(i);
      });
    });

    it('picks a label typed with a typo', () => {
      expect(text.choice('previus stage', labels)).toBe(indexOf(flows.careerPath.choices.previous));
      expect(text.choice('nxet stage', labels)).toBe(indexOf(flows.careerPath.choices.next));
      expect(text.choice('estimate my salry', labels)).toBe(indexOf(flows.careerPath.choices.salary));
    });

    it('picks by position, counted from 1, only within range', () => {
      for (let n = 1; n <= labels.length; n++) expect(text.choice(String(n), labels)).toBe(n - 1);
      expect(text.choice('number 2', labels)).toBe(1);
      expect(text.choice('0', labels)).toBeUndefined();
      expect(text.choice(String(labels.length + 1), labels)).toBeUndefined();
      expect(text.choice(`number ${labels.length + 1}`, labels)).toBeUndefined();
    });

    it('does not pick on part of a label or on nothing', () => {
      expect(text.choice('next', labels)).toBeUndefined();
      expect(text.choice('', labels)).toBeUndefined();
      expect(text.choice('tell me about bonuses', labels)).toBeUndefined();
    });

    it('picks by "option N"', () => {
      expect(text.choice('option 1', labels)).toBe(0);
    });

    it('picks "ok nxt stage", the example in its doc comment', () => {
      expect(text.choice('ok nxt stage', labels)).toBe(indexOf(flows.careerPath.choices.next));
    });
  });

  describe('PhraseList', () => {
    const list = text.phrases<number>([
      ['good', 4],
      ['not good', 2],
      ['very good', 5],
    ]);

    it('holds the phrases longest first', () => {
      expect(list.items[list.items.length - 1].phrase).toBe('good');
    });

    it('whole() matches only the whole message', () => {
      expect(list.whole(text.words('good'))).toBe(4);
      expect(list.whole(text.words('not good'))).toBe(2);
      expect(list.whole(text.words('good enough'))).toBeUndefined();
    });

    it('find() returns the longest phrase with where it starts', () => {
      expect(list.find(text.words('honestly not good at all'))).toEqual({ value: 2, start: 1, length: 2 });
      expect(list.find(text.words('pretty good'))).toEqual({ value: 4, start: 1, length: 1 });
      expect(list.find(text.words('bad'))).toBeUndefined();
    });

    it('indexOfPhrase matches whole words only', () => {
      expect(indexOfPhrase(['a', 'b', 'c'], ['b', 'c'])).toBe(1);
      expect(indexOfPhrase(['goodness'], ['good'])).toBe(-1);
      expect(indexOfPhrase(['a'], ['a', 'b'])).toBe(-1);
    });
  });

  describe('fill', () => {
    it('fills known slots and leaves unknown ones as written', () => {
      expect(fill('{level} stage: {titles} ({n})', { level: 'Mid', n: 3 })).toBe('Mid stage: {titles} (3)');
      expect(fill(flows.copy.pickOne, { choices: 'a or b' })).toBe('Pick a or b.');
    });
  });
});

describe('FlowCommands', () => {
  describe('command', () => {
    it('recognizes every command phrase in flows.yaml on its own', () => {
      for (const [command, phrases] of Object.entries(flows.commands)) {
        for (const phrase of phrases) expect(commands.command(phrase), phrase).toBe(command);
      }
    });

    it.each([
      ['ok cancel please', 'cancel'],
      ['Stop!', 'cancel'],
      ['Never mind.', 'cancel'],
      ['go back', 'back'],
      ['BACK', 'back'],
      ['Help!', 'help'],
      ['what can i say?', 'help'],
      ["let's start over", 'startOver'],
      ['restart please', 'startOver'],
      ['forget me please', 'forgetMe'],
    ])('understands %j around fillers and punctuation as %s', (message, command) => {
      expect(commands.command(message)).toBe(command);
    });

    it.each([
      ['helpp', 'help'],
      ['cancle', 'cancel'],
      ['go bakc', 'back'],
      ['strat over', 'startOver'],
    ])('repairs the typo in %j', (message, command) => {
      expect(commands.command(message)).toBe(command);
    });

    it.each([
      'back to the career path',
      'how do I stop being nervous in meetings',
      'can you help me with my resume',
      'what happens if I quit my job?',
      'I want to go back to school',
      'ok',
      '',
    ])('does not take %j as a command', (message) => {
      expect(commands.command(message)).toBeUndefined();
    });
  });

  describe('flowToStart', () => {
    it('starts each flow from every one of its trigger phrases', () => {
      for (const id of FLOW_IDS) for (const trigger of flows[id].triggers) expect(commands.flowToStart(trigger), trigger).toBe(id);
    });

    it('starts each flow from its button label, as typed or clicked', () => {
      for (const id of FLOW_IDS) {
        const button = flows[id].button;
        expect(commands.flowToStart(button)).toBe(id);
        expect(commands.flowToStart(button.toLowerCase())).toBe(id);
        expect(commands.flowToStart(`ok ${button} please`)).toBe(id);
      }
    });

    it.each<[string, FlowId]>([
      ["I'm an AE with 3 years, what's my next step?", 'careerPath'],
      ['walk me thru the carer path', 'careerPath'],
      ['can you estimate my salary please', 'salaryEstimate'],
      ['rate my skills', 'skillsCheck'],
      ['could you check my skills?', 'skillsCheck'],
      ['help me break in', 'breakingIn'],
      ['make me a breaking-in plan please', 'breakingIn'],
    ])('understands the request %j', (message, flow) => {
      expect(commands.flowToStart(message)).toBe(flow);
    });

    it.each([
      'what is the career path?',
      'how do I break into account management?',
      'how much do account managers make?',
      'what skills do I need?',
      'help',
      '',
    ])('does not start a flow for the question %j', (message) => {
      expect(commands.flowToStart(message)).toBeUndefined();
    });

    it('ignores a trigger inside a long message, which is a question', () => {
      const message = 'I have been thinking about my options for a long time and I would like you to estimate my salary';
      expect(text.words(message).length).toBeGreaterThan(16);
      expect(commands.flowToStart(message)).toBeUndefined();
    });
  });

  describe('flowButtons and flowFor', () => {
    it('offers one button per flow, in the flows order', () => {
      expect(commands.flowButtons()).toEqual(FLOW_IDS.map((id) => flows[id].button));
    });

    it("maps every entry a flow is offered by to a flow that lists it (the flows' own order breaks ties)", () => {
      for (const id of FLOW_IDS) {
        for (const entry of flows[id].offeredBy) {
          const found = commands.flowFor(entry)!;
          expect(flows[found].offeredBy, entry).toContain(entry);
          expect(FLOW_IDS.indexOf(found), entry).toBeLessThanOrEqual(FLOW_IDS.indexOf(id));
        }
      }
    });

    it('maps an entry offered by one flow only to that flow, and others to none', () => {
      const entry = flows.salaryEstimate.offeredBy.find((e) =>
        FLOW_IDS.every((id) => id === 'salaryEstimate' || !flows[id].offeredBy.includes(e)),
      );
      expect(entry).toBeDefined();
      expect(commands.flowFor(entry!)).toBe('salaryEstimate');
      expect(commands.flowFor('no-such-entry')).toBeUndefined();
    });
  });
});

// A whole-set property over the evaluation questions: none of them is a command or a flow request,
// so a question typed in the chat never hijacks the conversation.
describe('eval questions are neither commands nor flow requests', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'eval');
  const questions = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => line.trim().startsWith('{'))
        .map((line) => ({ file: f, q: (JSON.parse(line) as { q: string }).q })),
    );

  it('reads a sizeable question set', () => {
    expect(questions.length).toBeGreaterThan(100);
  });

  it('starts no flow', () => {
    expect(questions.filter(({ q }) => commands.flowToStart(q) !== undefined)).toEqual([]);
  });

  it('is no command', () => {
    expect(questions.filter(({ q }) => commands.command(q) !== undefined)).toEqual([]);
  });
});

describe('FlowCommands.flowToStart: a request word with a topic word', () => {
  const starts: [string, string][] = [
    ['can you walk me through the account manager career path?', 'careerPath'],
    ['what comes next in my career?', 'careerPath'],
    ['show me how to move up', 'careerPath'],
    ['I want to check if I have the right skills', 'skillsCheck'],
    ['help me figure out my salary', 'salaryEstimate'],
    ['I want to break into account management, can you help?', 'breakingIn'],
    ['give me a plan to become an account manager', 'breakingIn'],
  ];
  it.each(starts)('%s -> %s', (message, flow) => {
    expect(kit.commands.flowToStart(message)).toBe(flow);
  });

  it('needs both: a topic alone is a question, a request alone is not about a flow', () => {
    for (const message of [
      'how do I get promoted?',
      'what would my salary be in NYC?',
      'walk me through the process',
      'can you help me?',
      'show me the pay table please',
    ]) {
      expect(kit.commands.flowToStart(message), message).toBeUndefined();
    }
  });
});
