// The career path walkthrough: finds where someone stands (a stage button, or free text such as
// "AE with 3 years" or "7 years in"), shows that stage with its pay and the next step, and walks
// the ladder up or down, or moves on to the salary estimate or the skills check.
import type { TurnContext } from 'botbuilder';
import type { StageReading } from '../src/flows/career';
import { fill } from '../src/flows/text';
import { formatYears, listInWords } from '../src/knowledge/templates';
import { FlowDialog, type FlowDeps, type FlowOptions, type FlowStart, type Prompt, type StepResult } from './flow-dialog';

interface CareerData {
  stage?: string;
  years?: number;
  notInField?: boolean;
}

export class CareerPathDialog extends FlowDialog<CareerData> {
  protected override readonly resultSteps = new Set(['stage']);

  constructor(deps: FlowDeps) {
    super('careerPath', deps);
  }

  private get copy() {
    return this.kit.kb.flows.careerPath;
  }

  protected async start(context: TurnContext, options: FlowOptions): Promise<FlowStart<CareerData>> {
    const told: StageReading = options.stage ? { stage: options.stage } : options.text ? this.kit.career.read(options.text) : {};
    if (told.stage) return { step: 'stage', data: await this.remember(context, told), history: [{ step: 'where', data: {} }] };
    if (told.notInField)
      return { step: 'stage', data: this.notInField(), history: [{ step: 'where', data: {} }], say: [this.copy.notInFieldReply] };
    const known = options.fresh ? {} : await this.profile(context);
    if (known.stage && this.kit.career.view(known.stage)) {
      const stage = this.kit.career.view(known.stage)!.stage;
      return {
        step: 'stage',
        data: { stage: known.stage, years: known.years },
        history: [{ step: 'where', data: {} }],
        say: [fill(this.copy.rememberedStage, { level: stage.level })],
      };
    }
    return { step: 'where', data: {} };
  }

  protected prompt(_context: TurnContext, step: string, data: CareerData): Prompt {
    if (step === 'where')
      return { text: this.copy.askStage, choices: [...this.kit.career.stages.map((s) => s.level), this.copy.notInField] };
    return this.stagePrompt(data);
  }

  protected hint(step: string): string {
    return step === 'where' ? this.copy.stageHint : this.copy.choiceHint;
  }

  protected async read(context: TurnContext, step: string, reply: string, data: CareerData): Promise<StepResult<CareerData> | undefined> {
    const c = this.copy.choices;
    if (step === 'stage') {
      const view = data.stage ? this.kit.career.view(data.stage) : undefined;
      const choice = this.kit.text.choice(reply, [c.next, c.previous, c.salary, c.skills, c.done, this.kit.kb.flows.breakingIn.button]);
      switch (choice) {
        case 0:
          if (!view?.next) return { kind: 'next', step: 'stage', data, say: [this.copy.noHigher] };
          return { kind: 'next', step: 'stage', data: { stage: view.next.id } };
        case 1:
          if (!view?.previous) return { kind: 'next', step: 'stage', data, say: [this.copy.noLower] };
          return { kind: 'next', step: 'stage', data: { stage: view.previous.id } };
        case 2:
          return { kind: 'switch', flow: 'salaryEstimate', options: { band: view && this.kit.career.payBand(view, data.years)?.id } };
        case 3:
          return { kind: 'switch', flow: 'skillsCheck', options: {} };
        case 4:
          return { kind: 'end', say: [this.copy.finished] };
        case 5:
          return { kind: 'switch', flow: 'breakingIn', options: {} };
        default:
          break;
      }
    }
    // At either step, naming a stage, a title or years shows that stage.
    const told = this.kit.career.read(reply);
    if (told.stage) return { kind: 'next', step: 'stage', data: await this.remember(context, told) };
    if (told.notInField) return { kind: 'next', step: 'stage', data: this.notInField(), say: [this.copy.notInFieldReply] };
    return undefined;
  }

  private notInField(): CareerData {
    return { stage: this.kit.career.stages[0].id, notInField: true };
  }

  /** Keeps what the person said about themselves for later flows and conversations. */
  private async remember(context: TurnContext, told: StageReading): Promise<CareerData> {
    const profile = await this.profile(context);
    profile.stage = told.stage;
    if (told.years !== undefined) profile.years = told.years;
    const view = told.stage ? this.kit.career.view(told.stage) : undefined;
    const band = view && this.kit.career.payBand(view, told.years);
    if (band) profile.band = band.id;
    await this.deps.profile.set(context, profile);
    return { stage: told.stage, years: told.years };
  }

  private stagePrompt(data: CareerData): Prompt {
    const view = this.kit.career.view(data.stage ?? '') ?? this.kit.career.view(this.kit.career.stages[0].id)!;
    const { stage, next, previous } = view;
    const copy = this.copy;
    const years = inRange(data.years, stage.years) ? data.years : undefined;
    const band = this.kit.career.payBand(view, years);
    const money = band ? this.kit.salary.formatRange({ min: band.min, max: band.max }, band.openEnded) : '';
    const boundary = band && view.band && band.id !== view.band.id;
    const lines = [
      `**${fill(copy.stageHeading, { level: stage.level, titles: listInWords(stage.titles, 'or') })}**`,
      [
        fill(copy.experience, { years: formatYears(stage.years) }),
        money && !boundary ? fill(copy.pay, { pay: money }) : '',
        years !== undefined
          ? fill(boundary ? copy.boundaryPay : copy.yearsNote, { n: years, label: band!.label.toLowerCase(), pay: money })
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    ];
    lines.push(
      next
        ? `**${fill(copy.nextHeading, { titles: listInWords(next.titles, 'or'), years: formatYears(next.years) })}**`
        : `**${copy.topHeading}**`,
    );
    lines.push(`${next ? copy.whatItTakes : copy.atTop}\n${stage.toNext.map((t) => `- ${t}`).join('\n')}`);
    const focus = stage.focusSkills.map((id) => this.kit.skills.categories.find((c) => c.id === id)?.name).filter((n): n is string => !!n);
    if (focus.length) lines.push(fill(copy.focusSkills, { skills: listInWords(focus) }));
    const c = copy.choices;
    const choices = [...(next ? [c.next] : []), ...(previous ? [c.previous] : []), c.salary, c.skills];
    if (data.notInField) choices.push(this.kit.kb.flows.breakingIn.button);
    choices.push(c.done);
    return { text: lines.join('\n\n'), again: copy.again, choices };
  }
}

function inRange(years: number | undefined, range: { min: number; max?: number }): boolean {
  return years !== undefined && years >= range.min && (range.max === undefined || years <= range.max);
}
