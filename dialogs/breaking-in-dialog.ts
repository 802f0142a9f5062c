// The breaking-in plan, for students and career changers: asks about their degree, internships
// and online presence, then gives a short plan built from the knowledge base's advice for those
// answers, with where to look for openings.
import type { TurnContext } from 'botbuilder';
import type { BreakingInAnswers } from '../src/flows/breaking-in';
import { FlowDialog, type FlowDeps, type FlowStart, type Prompt, type StepResult } from './flow-dialog';

export class BreakingInDialog extends FlowDialog<BreakingInAnswers> {
  protected override readonly resultSteps = new Set(['plan']);

  constructor(deps: FlowDeps) {
    super('breakingIn', deps);
  }

  private get copy() {
    return this.kit.kb.flows.breakingIn;
  }

  protected async start(): Promise<FlowStart<BreakingInAnswers>> {
    return { step: 'degree', data: {}, say: [this.copy.intro] };
  }

  protected prompt(_context: TurnContext, step: string, data: BreakingInAnswers): Prompt {
    const c = this.copy;
    switch (step) {
      case 'degree':
        return { text: c.askDegree, choices: Object.values(c.degreeChoices) };
      case 'internship':
        return { text: c.askInternship, choices: Object.values(c.internshipChoices) };
      case 'brand':
        return { text: c.askBrand, choices: Object.values(c.brandChoices) };
      default: {
        const plan = this.kit.breakingIn.plan(data).map((line, i) => `${i + 1}. ${line}`);
        return { text: `**${c.planHeading}**\n\n${plan.join('\n')}\n\n${c.after}`, again: c.after, choices: this.afterChoices() };
      }
    }
  }

  protected hint(step: string): string {
    const c = this.copy;
    if (step === 'degree') return c.degreeHint;
    if (step === 'internship') return c.internshipHint;
    if (step === 'brand') return c.brandHint;
    return this.pickOne(this.afterChoices());
  }

  protected async read(
    _context: TurnContext,
    step: string,
    reply: string,
    data: BreakingInAnswers,
  ): Promise<StepResult<BreakingInAnswers> | undefined> {
    const plan = this.kit.breakingIn;
    switch (step) {
      case 'degree': {
        const degree = plan.readDegree(reply);
        return degree && { kind: 'next', step: 'internship', data: { ...data, degree } };
      }
      case 'internship': {
        const internship = plan.readInternship(reply);
        return internship && { kind: 'next', step: 'brand', data: { ...data, internship } };
      }
      case 'brand': {
        const brand = plan.readBrand(reply);
        return brand && { kind: 'next', step: 'plan', data: { ...data, brand } };
      }
      default:
        switch (this.kit.text.choice(reply, this.afterChoices())) {
          case 0:
            return { kind: 'switch', flow: 'skillsCheck', options: {} };
          case 1:
            return { kind: 'switch', flow: 'careerPath', options: { stage: this.kit.career.stages[0].id } };
          case 2:
            return { kind: 'end', say: [this.copy.finished] };
          default:
            return undefined;
        }
    }
  }

  private afterChoices(): string[] {
    const a = this.copy.afterChoices;
    return [a.skills, a.careerPath, a.done];
  }
}
