// The salary estimate: asks for a level or years of experience and whether the person works in a
// major market, then gives the range from the salary data, with the major-market premium, what
// decides where someone lands, and the performance bonuses.
import type { TurnContext } from 'botbuilder';
import type { Market } from '../src/flows/salary';
import { fill } from '../src/flows/text';
import { listInWords } from '../src/knowledge/templates';
import { FlowDialog, type FlowDeps, type FlowOptions, type FlowStart, type Prompt, type StepResult } from './flow-dialog';

interface SalaryData {
  band?: string;
  market?: Market;
}

export class SalaryEstimateDialog extends FlowDialog<SalaryData> {
  protected override readonly resultSteps = new Set(['result']);

  constructor(deps: FlowDeps) {
    super('salaryEstimate', deps);
  }

  private get copy() {
    return this.kit.kb.flows.salaryEstimate;
  }

  protected async start(context: TurnContext, options: FlowOptions): Promise<FlowStart<SalaryData>> {
    const profile = options.fresh ? {} : await this.profile(context);
    const salary = this.kit.salary;
    const say: string[] = [];
    let band = options.band ?? (options.text ? salary.readBand(options.text) : undefined);
    if (!band && profile.band && salary.band(profile.band)) {
      band = profile.band;
      say.push(fill(this.copy.rememberedLevel, { level: salary.band(band)!.label }));
    }
    if (!band) return { step: 'level', data: {}, say };
    await this.rememberBand(context, band);
    let market = options.text ? this.marketIn(options.text) : undefined;
    if (!market && profile.market) {
      market = profile.market;
      say.push(fill(this.copy.rememberedMarket, { where: this.where(market) }));
    }
    if (!market) return { step: 'market', data: { band }, history: [{ step: 'level', data: {} }], say };
    return {
      step: 'result',
      data: { band, market },
      history: [
        { step: 'level', data: {} },
        { step: 'market', data: { band } },
      ],
      say,
    };
  }

  protected prompt(_context: TurnContext, step: string, data: SalaryData): Prompt {
    const copy = this.copy;
    if (step === 'level') return { text: copy.askLevel, choices: this.kit.salary.bands.map((b) => b.label) };
    if (step === 'market') {
      const m = copy.marketChoices;
      return {
        text: fill(copy.askMarket, { cities: listInWords(this.kit.kb.salary.majorMarkets.cities, 'or') }),
        choices: [m.yes, m.no, m.unsure],
      };
    }
    const a = copy.afterChoices;
    return { text: `${this.result(data)}\n\n${copy.after}`, again: copy.after, choices: [a.again, a.careerPath, a.skills, a.done] };
  }

  protected hint(step: string): string {
    const copy = this.copy;
    if (step === 'level') return copy.levelHint;
    if (step === 'market') return copy.marketHint;
    const a = copy.afterChoices;
    return this.pickOne([a.again, a.careerPath, a.skills, a.done]);
  }

  protected async read(context: TurnContext, step: string, reply: string, data: SalaryData): Promise<StepResult<SalaryData> | undefined> {
    const salary = this.kit.salary;
    if (step === 'level') {
      const band = salary.readBand(reply);
      if (!band) {
        // "NYC" before the level: keep it, and ask for the level again.
        const market = salary.readMarket(reply);
        if (!market || market === 'unknown' || data.market) return undefined;
        await this.rememberMarket(context, market);
        return { kind: 'next', step: 'level', data: { market }, say: [fill(this.copy.notedMarket, { where: this.where(market) })] };
      }
      await this.rememberBand(context, band);
      if (data.market) return this.withMarket(context, { band }, data.market);
      const market = this.marketIn(reply);
      if (market) return this.withMarket(context, { band }, market);
      return { kind: 'next', step: 'market', data: { band } };
    }
    if (step === 'market') {
      const market = salary.readMarket(reply);
      const band = salary.readBand(reply);
      // A level or years at any step re-sets the level ("4 years" after a remembered "Senior").
      if (band && band !== data.band) {
        await this.rememberBand(context, band);
        if (market) return this.withMarket(context, { band }, market);
        return { kind: 'next', step: 'market', data: { band }, say: [fill(this.copy.notedLevel, { level: salary.band(band)!.label })] };
      }
      if (!market) return undefined;
      return this.withMarket(context, data, market);
    }
    const a = this.copy.afterChoices;
    switch (this.kit.text.choice(reply, [a.again, a.careerPath, a.skills, a.done])) {
      case 0:
        return { kind: 'next', step: 'level', data: {} };
      case 1: {
        const stage = this.kit.career.stages.find((s) => s.salaryBand === data.band);
        return { kind: 'switch', flow: 'careerPath', options: { stage: stage?.id } };
      }
      case 2:
        return { kind: 'switch', flow: 'skillsCheck', options: {} };
      case 3:
        return { kind: 'end', say: [this.copy.finished] };
      default: {
        // "what about senior?" or "and in NYC?" at the result: a new estimate with that change.
        const band = salary.readBand(reply);
        const market = this.marketIn(reply);
        if (!band && !market) return undefined;
        if (band) await this.rememberBand(context, band);
        return this.withMarket(context, { band: band ?? data.band }, market ?? data.market ?? 'unknown');
      }
    }
  }

  /** A market named as a place ("senior in NYC", "LA"), not a bare yes or no, which answers no question here. */
  private marketIn(text: string): Market | undefined {
    return this.kit.salary.readPlace(text);
  }

  private async withMarket(context: TurnContext, data: SalaryData, market: Market): Promise<StepResult<SalaryData>> {
    await this.rememberMarket(context, market);
    return { kind: 'next', step: 'result', data: { ...data, market } };
  }

  private async rememberMarket(context: TurnContext, market: Market): Promise<void> {
    if (market === 'unknown') return;
    const profile = await this.profile(context);
    profile.market = market;
    await this.deps.profile.set(context, profile);
  }

  private async rememberBand(context: TurnContext, band: string): Promise<void> {
    const profile = await this.profile(context);
    profile.band = band;
    await this.deps.profile.set(context, profile);
  }

  private where(market: Market): string {
    const copy = this.copy;
    return market === 'major' ? copy.whereMajor : market === 'other' ? copy.whereOther : copy.whereUnknown;
  }

  private result(data: SalaryData): string {
    const copy = this.copy;
    const salary = this.kit.salary;
    const kb = this.kit.kb.salary;
    const estimate = salary.estimate(data.band ?? '', data.market ?? 'unknown');
    if (!estimate) return copy.askLevel;
    const premium = `${kb.majorMarkets.premiumPercent.min}-${kb.majorMarkets.premiumPercent.max}%`;
    const cities = listInWords(kb.majorMarkets.cities, 'or');
    const base = salary.formatRange(estimate.base, estimate.openEnded);
    const major = salary.formatRange(estimate.major, estimate.openEnded);
    const range = estimate.market === 'major' ? major : base;
    const lines = [`**${fill(copy.resultHeading, { level: estimate.band.label, where: this.where(estimate.market), range })}**`];
    if (estimate.market === 'major') lines.push(fill(copy.majorNote, { base, premium, cities }));
    else if (estimate.market === 'other') lines.push(fill(copy.otherNote, { cities, premium, major }));
    else lines.push(fill(copy.unsureNote, { base, cities, major }));
    if (estimate.openEnded) lines.push(copy.openEndedNote);
    lines.push(
      fill(copy.factorsNote, { factors: listInWords(kb.factors) }),
      fill(copy.bonusNote, { tiedTo: listInWords(kb.bonuses.tiedTo) }),
    );
    return lines.join('\n\n');
  }
}
