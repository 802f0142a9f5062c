// The skills check: the five skill categories one at a time, each with what it covers and a
// self-rating (1-5, words such as "pretty good", or skip), then a summary of strengths and the
// areas to develop with concrete suggestions, as an Adaptive Card where the channel shows cards.
import type { TurnContext } from 'botbuilder';
import type { Rating, Ratings } from '../src/flows/skills';
import { fill } from '../src/flows/text';
import { listInWords } from '../src/knowledge/templates';
import { capabilitiesOf } from '../src/render/capabilities';
import { skillsSummaryCard } from '../src/render/cards';
import { FlowDialog, type FlowDeps, type FlowStart, type Prompt, type Reply, type StepResult } from './flow-dialog';

interface SkillsData {
  index: number;
  ratings: Ratings;
}

const RATING_CHOICES = ['1', '2', '3', '4', '5'];

export class SkillsCheckDialog extends FlowDialog<SkillsData> {
  protected override readonly resultSteps = new Set(['summary']);

  constructor(deps: FlowDeps) {
    super('skillsCheck', deps);
  }

  private get copy() {
    return this.kit.kb.flows.skillsCheck;
  }

  protected async start(): Promise<FlowStart<SkillsData>> {
    return { step: 'rate', data: { index: 0, ratings: {} }, say: [this.copy.intro] };
  }

  protected prompt(context: TurnContext, step: string, data: SkillsData): Prompt {
    const categories = this.kit.skills.categories;
    if (step === 'rate') {
      const category = categories[data.index];
      return {
        text: fill(this.copy.askRating, {
          index: data.index + 1,
          count: categories.length,
          name: `**${category.name}**`,
          summary: category.summary,
          skills: listInWords(category.skills),
        }),
        choices: [...RATING_CHOICES, this.copy.skip],
      };
    }
    return this.summaryPrompt(context, data);
  }

  protected hint(step: string): string {
    return step === 'rate' ? this.copy.hint : this.afterHint();
  }

  protected async read(context: TurnContext, step: string, reply: string, data: SkillsData): Promise<StepResult<SkillsData> | undefined> {
    if (step === 'rate') {
      const rating = this.kit.skills.readRating(reply);
      if (rating === undefined) return undefined;
      const category = this.kit.skills.categories[data.index];
      const ratings = { ...data.ratings, [category.id]: rating === 'skip' ? null : rating };
      const index = data.index + 1;
      if (index < this.kit.skills.categories.length) return { kind: 'next', step: 'rate', data: { index, ratings } };
      const profile = await this.profile(context);
      profile.ratings = ratings;
      await this.deps.profile.set(context, profile);
      return { kind: 'next', step: 'summary', data: { index, ratings } };
    }
    const a = this.copy.afterChoices;
    switch (this.kit.text.choice(reply, [a.careerPath, a.salary, a.done])) {
      case 0:
        return { kind: 'switch', flow: 'careerPath', options: {} };
      case 1:
        return { kind: 'switch', flow: 'salaryEstimate', options: {} };
      case 2:
        return { kind: 'end', say: [this.copy.finished] };
      default:
        return undefined;
    }
  }

  private afterHint(): string {
    const a = this.copy.afterChoices;
    return this.pickOne([a.careerPath, a.salary, a.done]);
  }

  private summaryPrompt(context: TurnContext, data: SkillsData): Prompt {
    const copy = this.copy;
    const summary = this.kit.skills.summarize(data.ratings);
    const a = copy.afterChoices;
    const choices = [a.careerPath, a.salary, a.done];
    const rated = summary.strengths.length + summary.develop.length;
    if (!rated && summary.skipped.length) return { text: `${copy.allSkipped}\n\n${copy.after}`, choices };

    const lines = [`**${copy.summaryTitle}**`];
    lines.push(
      summary.strengths.length
        ? `${copy.strengths} ${listInWords(summary.strengths.map((c) => `${c.name} (${data.ratings[c.id]}/5)`))}`
        : copy.noStrengths,
    );
    if (summary.develop.length) {
      lines.push(copy.develop);
      for (const { category, rating } of summary.develop) {
        lines.push(`**${category.name}** (${rating}/5)\n${category.develop.map((tip) => `- ${tip}`).join('\n')}`);
      }
    } else {
      lines.push(copy.allStrong);
    }
    if (summary.skipped.length) lines.push(fill(copy.skipped, { names: listInWords(summary.skipped.map((c) => c.name)) }));

    if (capabilitiesOf(context.activity.channelId).cards) {
      const card = skillsSummaryCard({
        fallbackText: lines.join('\n\n'),
        title: copy.summaryTitle,
        strengthsLabel: copy.strengths,
        strengths: summary.strengths.map((c) => ({ name: c.name, rating: data.ratings[c.id] as Rating })),
        noStrengths: copy.noStrengths,
        developLabel: copy.develop,
        develop: summary.develop.map(({ category, rating }) => ({ name: category.name, rating, tips: category.develop })),
        allStrong: copy.allStrong,
        skipped: summary.skipped.length ? fill(copy.skipped, { names: listInWords(summary.skipped.map((c) => c.name)) }) : undefined,
      });
      const before: Reply[] = [{ type: 'message', attachments: [card] } as Reply];
      return { before, text: copy.after, again: copy.after, choices };
    }
    return { text: `${lines.join('\n\n')}\n\n${copy.after}`, again: copy.after, choices };
  }
}
