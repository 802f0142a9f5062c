// GET /api/openapi.json on the real server, and the description held against the real /api/ask:
// every status and body the server gives must be the one the description declares, so the two
// cannot drift apart unnoticed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPENAPI_FILE } from '../../src/server/ask';
import { getJson, useBot } from '../support/bot';
import { callFrom } from '../support/directline';

const bot = useBot();
const limited = useBot({ ASK_REQUESTS_PER_MINUTE: '1' });

const spec = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
const schemas = spec.components.schemas;

/** A component schema as a zod validator. zod resolves only "#/$defs/..." references, so the
 * components' own references are rewritten to that form first. */
function validatorOf(name: string) {
  const defs = JSON.parse(JSON.stringify(schemas).replaceAll('#/components/schemas/', '#/$defs/'));
  return z.fromJSONSchema({ $defs: defs, $ref: `#/$defs/${name}` });
}

/** The object a "#/..." reference points to in the description, or undefined. */
function resolve(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((node, key) => node?.[key], spec);
}

function refsIn(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)));
}

/**
 * Checks that `value` has every property component `name` requires and, when it allows no others,
 * only properties it declares; then the same for the objects inside it. (zod checks the types, but
 * not a required property the schema forgets to declare.) Returns the components it checked.
 */
function expectDeclaredKeys(value: any, name: string, where: string, checked = new Set<string>()): Set<string> {
  const schema = schemas[name];
  const keys = Object.keys(value);
  expect(keys, `${where}: ${name}`).toEqual(expect.arrayContaining(schema.required));
  if (schema.additionalProperties === false)
    expect(Object.keys(schema.properties), `${where}: ${name}`).toEqual(expect.arrayContaining(keys));
  checked.add(name);
  for (const key of keys) {
    const property = schema.properties[key];
    const ref: string | undefined = property?.$ref ?? property?.items?.$ref;
    if (!ref) continue;
    const inner = ref.replace('#/components/schemas/', '');
    for (const item of property.$ref ? [value[key]] : value[key]) expectDeclaredKeys(item, inner, `${where}.${key}`, checked);
  }
  return checked;
}

/** The statuses an operation declares responses for. */
const declaredStatuses = (path: string, method: string) => Object.keys(spec.paths[path][method].responses);

const ask = (q: string) => getJson(bot.url, `/api/ask?q=${encodeURIComponent(q)}`);

/** A question the service answers with "Did you mean ...?", found by asking it in process, or
 * undefined when no two titles together make one. */
function clarifyingQuestion(): string | undefined {
  const titles = bot.app.kb.entries.map((e) => e.title);
  for (const a of titles) {
    for (const b of titles) {
      if (a !== b && bot.app.faq.ask(`${a} and ${b}`).kind === 'clarify') return `${a} and ${b}`;
    }
  }
  return undefined;
}

describe('GET /api/openapi.json', () => {
  it('serves the OpenAPI 3.1 description of /api/ask as JSON, as the file has it', async () => {
    const res = await getJson(bot.url, '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json; charset=utf-8');
    expect(res.body.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Object.keys(res.body.paths)).toContain('/api/ask');
    expect(res.body).toEqual(spec);
  });

  it('has no reference to a part it does not hold', () => {
    const refs = refsIn(spec);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
  });
});

describe('the description against the real /api/ask', () => {
  const askResponse = schemas.AskResponse;

  it('declares exactly the properties real answers have, of every kind', async () => {
    const entry = bot.app.kb.entries.find((e) => e.followUps.length > 0)!;
    const questions: Record<string, string | undefined> = {
      // An entry's own title is answered alone; a question in words of one's own has runners-up.
      answer: entry.title,
      suggested: 'What does an account manager do?',
      clarify: clarifyingQuestion(),
      fallback: 'what is the weather in paris tomorrow',
      smalltalk: 'hello',
    };
    const validate = validatorOf('AskResponse');
    const seen = new Set<string>();
    const checked = new Set<string>();
    for (const [kind, q] of Object.entries(questions)) {
      if (q === undefined) continue; // no clarify in this knowledge base; the other kinds still run
      const res = await ask(q);
      expect(res.status, q).toBe(200);
      expect(res.body.kind, q).toBe(kind === 'suggested' ? 'answer' : kind);
      expectDeclaredKeys(res.body, 'AskResponse', q, checked);
      expect(validate.safeParse(res.body).error, q).toBeUndefined();
      for (const key of Object.keys(res.body)) seen.add(key);
    }
    // A property no answer ever carries is a description that has drifted the other way.
    expect([...seen].sort()).toEqual(Object.keys(askResponse.properties).sort());
    expect([...checked].sort()).toEqual(['Answer', 'AskResponse', 'EntryLink', 'Suggestion']);
  });

  it('declares every error status /api/ask gives, each with the Error body', async () => {
    const validate = validatorOf('Error');
    const preflight = { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' };
    const errors = [
      { method: 'get', res: await getJson(bot.url, '/api/ask?q=%20'), status: 400 },
      { method: 'get', res: await callFrom('127.0.0.1', `${bot.url}/api/ask`, { method: 'DELETE' }), status: 405 },
      { method: 'options', res: await callFrom('127.0.0.1', `${bot.url}/api/ask`, { method: 'OPTIONS', headers: preflight }), status: 403 },
    ];
    for (const { method, res, status } of errors) {
      expect(res.status).toBe(status);
      expect(declaredStatuses('/api/ask', method)).toContain(String(status));
      expect(validate.safeParse(res.body).error, `${status}: ${JSON.stringify(res.body)}`).toBeUndefined();
    }
  });

  it('declares the 429 with its Retry-After header and Error body', async () => {
    const path = '/api/ask?q=hello';
    expect((await getJson(limited.url, path)).status).toBe(200);
    const res = await callFrom('127.0.0.1', `${limited.url}${path}`);
    expect(res.status).toBe(429);
    expect(declaredStatuses('/api/ask', 'get')).toContain('429');
    const declared = resolve(spec.paths['/api/ask'].get.responses['429'].$ref) as { headers: Record<string, unknown> };
    expect(Object.keys(declared.headers)).toContain('Retry-After');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(validatorOf('Error').safeParse(res.body).error).toBeUndefined();
  });
});
