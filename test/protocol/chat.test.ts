// `npm run chat` with piped input: the same bot, plain text, buttons as numbered options, a
// rating's numbers as ratings, and `quit` ending the chat as it does at a prompt.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaqService } from '../../src/faq/service';
import { fill } from '../../src/flows/text';
import { loadKnowledge } from '../../src/knowledge/load';
import { listInWords } from '../../src/knowledge/templates';

const root = path.resolve(__dirname, '../..');
const entry = path.join(root, 'dist/src/cli/chat.js');

/** The chat with `input` piped in; `keepOpen` leaves stdin open afterwards, as a terminal would be. */
function chat(
  input: string,
  keepOpen = false,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" (npm test does) first`);
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...extraEnv };
    const child = spawn(process.execPath, [entry], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    // A chat that never ends is killed before the test's own timeout, so the test reports it.
    const guard = setTimeout(() => child.kill(), 15_000);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
    if (keepOpen) child.stdin.write(input);
    else child.stdin.end(input);
  });
}

describe('npm run chat', () => {
  it('welcomes, answers piped questions, and takes a number for an offered option', async () => {
    const kb = loadKnowledge();
    const faq = new FaqService(kb);
    // An entry no guided flow continues, so its first button is its first follow-up.
    const offered = new Set(Object.values(kb.flows).flatMap((f) => ('offeredBy' in f ? f.offeredBy : [])));
    const kbEntry = kb.entries.find((e) => e.followUps.length > 0 && !offered.has(e.id))!;
    const answer = faq.ask(kbEntry.title).answer!;
    const firstFollowUp = answer.followUps[0];

    const { code, stdout, stderr } = await chat(`hello\n${kbEntry.title}\n1\n`);
    expect(code, stderr).toBe(0);
    // The welcome with the main topics as numbered options.
    expect(stdout).toContain(faq.messages.welcome.split('\n')[0]);
    expect(stdout).toContain(`1. ${faq.link(faq.messages.mainTopics[0]).title}`);
    // Small talk, then the answer with its follow-ups numbered.
    expect(stdout).toContain(faq.ask('hello').reply!.split('\n')[0]);
    expect(stdout).toContain(answer.text.split('\n')[0]);
    expect(stdout).toContain(`1. ${firstFollowUp.title}`);
    // "1" picked the first follow-up, which the bot then answered.
    expect(stdout).toContain(`You: ${firstFollowUp.title}`);
    const followUpAnswer = faq.ask(firstFollowUp.title).answer!;
    expect(followUpAnswer.id).toBe(firstFollowUp.id);
    expect(stdout).toContain(followUpAnswer.text.split('\n')[0]);
  });

  it('prints plain text: no markdown marks', async () => {
    const kb = loadKnowledge();
    const first = kb.skills.categories[0];
    const entry = kb.ladder.stages[0];
    const { code, stdout, stderr } = await chat(`walk me through the career path\n${entry.level}\ncheck my skills\n`);
    expect(code, stderr).toBe(0);
    // The flows' headings and names are bold in markdown; the terminal shows the words alone.
    expect(stdout).toContain(
      `\nBot: ${fill(kb.flows.careerPath.stageHeading, { level: entry.level, titles: listInWords(entry.titles, 'or') })}\n`,
    );
    expect(stdout).toContain(`1 of ${kb.skills.categories.length}, ${first.name}:`);
    expect(stdout).not.toContain('**');
  });

  it('ends at quit with input still open, without reading on, as at a prompt', async () => {
    const faq = new FaqService(loadKnowledge());
    const question = faq.link(faq.messages.mainTopics[0]).title;
    for (const word of ['quit', 'EXIT']) {
      const { code, stdout, stderr } = await chat(`hello\n${word}\n${question}\n`, true);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain(faq.ask('hello').reply!.split('\n')[0]);
      expect(stdout).toContain(`You: ${word}`);
      // Neither the line after quit nor quit itself reached the bot.
      expect(stdout).not.toContain(`You: ${question}`);
      expect(stdout).not.toContain(faq.messages.fallback.split('\n')[0]);
    }
  });

  it('takes a number as the rating where ratings are offered, never as an option position', async () => {
    const kb = loadKnowledge();
    const [first, second] = kb.skills.categories;
    const copy = kb.flows.skillsCheck;
    // "6" is not a rating: before, it picked the sixth option, Skip.
    const { code, stdout, stderr } = await chat(`check my skills\n6\n4\n2\n${copy.skip}\n${copy.skip}\n${copy.skip}\n`);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`[1] [2] [3] [4] [5] [${copy.skip}]`);
    expect(stdout).not.toMatch(new RegExp(`\\d\\. ${copy.skip}$`, 'm'));
    expect(stdout).toContain('You: 6\n');
    expect(stdout).toContain(copy.hint);
    // The category is asked again after "6", and 4 and 2 are that category's and the next one's ratings.
    expect(stdout.split(`, ${first.name}:`).length - 1).toBe(2);
    expect(stdout).toContain(`${first.name} (4/5)`);
    expect(stdout).toContain(`${second.name} (2/5)`);
  });

  it('links "how do I apply?" to APPLY_URL, as the other channels do', async () => {
    const url = 'https://jobs.example.com/account-manager/apply';
    const { code, stdout, stderr } = await chat('how do I apply for this job?\n', false, { APPLY_URL: url });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(url);
  });
});
