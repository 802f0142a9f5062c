// What the bot remembers: the flow in progress (in ConversationState) and what the person told it
// (in UserState), through any botbuilder Storage; "forget me"; and a store that fails.
import { MemoryStorage, type StoreItems, type Storage } from 'botbuilder';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStorage } from '../../src/storage/file-storage';
import { chat, fixedPart, knowledge } from '../support/dialogs';

const { kb, faq } = knowledge();
const salary = kb.flows.salaryEstimate;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'faq-state-'));
  dirs.push(dir);
  return dir;
};

/** A store that can be switched off, as a database that goes down. */
class FlakyStorage implements Storage {
  readonly inner = new MemoryStorage();
  down = false;
  failWritesOnly = false;
  async read(keys: string[]): Promise<StoreItems> {
    if (this.down && !this.failWritesOnly) throw new Error('store unavailable');
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    if (this.down) throw new Error('store unavailable');
    return this.inner.write(changes);
  }
  async delete(keys: string[]): Promise<void> {
    if (this.down) throw new Error('store unavailable');
    return this.inner.delete(keys);
  }
}

/** A conversation in the salary estimate whose store then stops taking writes (reads still work). */
async function inFlowWhenWritesStop() {
  const storage = new FlakyStorage();
  const c = chat({ storage });
  await c.say('estimate my salary');
  storage.down = true;
  storage.failWritesOnly = true;
  return { storage, c };
}

describe('what the bot remembers about a person', () => {
  it('uses the level and market from an earlier estimate in a new conversation, and forgets them on request', async () => {
    const storage = new MemoryStorage();
    const first = chat({ storage, conversation: 'a' });
    await first.say('estimate my salary');
    await first.say('Senior');
    await first.say('NYC');

    // Same person, new conversation: straight to the result, saying what it used.
    const second = chat({ storage, conversation: 'b' });
    let t = await second.say('estimate my salary');
    expect(t.all).toContain(fixedPart(salary.rememberedLevel));
    expect(t.all).toContain(salary.whereMajor);
    await second.say('Done');

    t = await second.say('forget me');
    expect(t.all).toContain(kb.flows.copy.forgotten);
    t = await second.say('estimate my salary');
    expect(t.all).toContain(salary.askLevel);
    expect(t.all).not.toContain(fixedPart(salary.rememberedLevel));
    t = await second.say('forget me');
    expect(t.all).toContain(kb.flows.copy.nothingToForget);
  });

  it('remembers the career stage for the walkthrough, and "start over" asks afresh', async () => {
    const storage = new MemoryStorage();
    const c = chat({ storage });
    await c.say('walk me through the career path');
    await c.say('senior account manager');
    await c.say('Done');
    let t = await c.say('walk me through the career path');
    expect(t.all).toContain(fixedPart(kb.flows.careerPath.rememberedStage));
    expect(t.all).toContain(kb.ladder.stages.find((s) => s.id === 'senior')!.titles[0]);
    t = await c.say('start over');
    expect(t.all).toContain(kb.flows.careerPath.askStage);
  });

  it('keeps people apart: another user in the same store is not remembered as the first', async () => {
    const storage = new MemoryStorage();
    const a = chat({ storage, user: 'alice', conversation: 'a' });
    await a.say('estimate my salary');
    await a.say('Director/VP');
    const b = chat({ storage, user: 'bob', conversation: 'b' });
    const t = await b.say('estimate my salary');
    expect(t.all).toContain(salary.askLevel);
  });
});

describe('the flow in progress survives a restart', () => {
  it('continues where it was with a new bot over the same file store', async () => {
    const dir = tempDir();
    const before = chat({ storage: new FileStorage(dir) });
    await before.say('check my skills');
    await before.say('4');
    // A new process: new bot, new router, new FileStorage over the same folder.
    const after = chat({ storage: new FileStorage(dir) });
    const t = await after.say('2');
    expect(t.trace?.kind).toBe('dialog');
    expect(t.all).toContain(kb.skills.categories[2].summary);
  });
});

describe('a store that fails', () => {
  it('still answers questions when the store cannot be read, with no error for the caller', async () => {
    const storage = new FlakyStorage();
    const c = chat({ storage });
    storage.down = true;
    const t = await c.say('how much do account managers earn?');
    expect(t.trace?.kind).toBe('answer');
    expect(t.texts[0]).toBe(faq.ask('how much do account managers earn?').answer!.text);
  });

  it('says so, once, when the flow cannot be saved after it replied', async () => {
    const { storage, c } = await inFlowWhenWritesStop();
    const t = await c.say('Senior');
    const trouble = kb.flows.copy.stateTrouble;
    expect(t.all).toContain(trouble);
    expect(t.texts.filter((x) => x === trouble)).toHaveLength(1);
    storage.down = false;
    // The next turn works again.
    const next = await c.say('how much do account managers earn?');
    expect(next.trace?.kind).toBe('answer');
  });

  it('does not trap the person in a flow when the store stops taking writes mid-flow: cancel holds, said once', async () => {
    const { c } = await inFlowWhenWritesStop();
    const turns = [
      await c.say('cancel'),
      await c.say('how much do account managers earn?'),
      await c.say('what does an account manager do?'),
    ];
    expect(turns[0].all).toContain(fixedPart(kb.flows.copy.cancelled));
    for (const t of turns.slice(1)) {
      expect(t.trace?.kind).toBe('answer');
      expect(t.all).not.toContain(kb.flows.copy.backTo);
    }
    const apologies = turns.flatMap((t) => t.texts).filter((x) => x === kb.flows.copy.stateTrouble);
    expect(apologies).toHaveLength(1);
  });

  it('runs a flow on a STATE_DIR that cannot be written at all (a path under a regular file), saying so once', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const c = chat({ storage: new FileStorage(path.join(file, 'state')) });
    const turns = [await c.say('estimate my salary'), await c.say('Senior')];
    expect(turns[1].trace?.kind).toBe('dialog');
    expect(turns[1].all).toContain(fixedPart(salary.askMarket));
    turns.push(await c.say('cancel'), await c.say('how much do account managers earn?'));
    expect(turns[2].all).toContain(fixedPart(kb.flows.copy.cancelled));
    expect(turns[3].trace?.kind).toBe('answer');
    expect(turns[3].all).not.toContain(kb.flows.copy.backTo);
    const apologies = turns.flatMap((t) => t.texts).filter((x) => x === kb.flows.copy.stateTrouble);
    expect(apologies).toHaveLength(1);
  });

  it('a stored flow this version no longer has (after a deploy) is dropped, and the message answered', async () => {
    const storage = new MemoryStorage();
    await storage.write({
      'emulator/conversations/conv-1/': { dialogState: { dialogStack: [{ id: 'retiredFlow', state: { step: 'x' } }] }, eTag: '*' },
    });
    const c = chat({ storage });
    const t = await c.say('what does an account manager do?');
    expect(t.trace?.kind).toBe('answer');
    // The stale flow is gone from the store, not just skipped.
    const stored = await storage.read(['emulator/conversations/conv-1/']);
    expect(JSON.stringify(stored)).not.toContain('retiredFlow');
    // The next message starts from a clean conversation.
    const next = await c.say('estimate my salary');
    expect(next.all).toContain(salary.askLevel);
  });

  it('a corrupt state file is read as no state: the conversation starts afresh instead of failing', async () => {
    const dir = tempDir();
    const c = chat({ storage: new FileStorage(dir) });
    await c.say('check my skills');
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), '{ not json');
    const t = await chat({ storage: new FileStorage(dir) }).say('what does an account manager do?');
    expect(t.trace?.kind).toBe('answer');
  });
});
