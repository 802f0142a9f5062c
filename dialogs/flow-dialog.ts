// The base of every guided flow: a small step machine on botbuilder-dialogs' Dialog, with the
// interruptions every step understands. A flow says what to ask at each step (prompt) and what a
// reply means (read); this class handles "help", "back", "start over" and "cancel", questions
// asked mid-flow (answered from the knowledge base, then the step is asked again), replies it
// cannot understand (asked again with a hint, a few times at most) and switching to another flow.
import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
// The two modules used, not the package index, which loads every prompt and its text recognizers
// (about 45 MB and 0.35 s at start-up).
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from 'botbuilder-dialogs/lib/dialog';
import type { FaqApi } from '../src/faq/port';
import type { Decision } from '../src/faq/decision';
import type { FlowId } from '../src/flows/commands';
import type { FlowKit } from '../src/flows/index';
import type { Market } from '../src/flows/salary';
import type { Ratings } from '../src/flows/skills';
import { fill } from '../src/flows/text';
import { listInWords } from '../src/knowledge/templates';
import { message, renderDecision, type RenderCopy } from '../src/render/decision';

/** What the bot remembers about a person across conversations ("forget me" deletes it). */
export interface UserProfile {
  stage?: string;
  years?: number;
  band?: string;
  market?: Market;
  ratings?: Ratings;
}

export interface FlowDeps {
  kit: FlowKit;
  faq: FaqApi;
  copy: RenderCopy;
  profile: StatePropertyAccessor<UserProfile>;
}

/** After this many replies in a row that it cannot understand, a flow stops instead of asking again. */
export const MAX_RETRIES = 3;

export type Reply = Partial<Activity>;

export interface Prompt {
  text: string;
  choices: readonly string[];
  /** Said before the prompt text, in its own message (a summary, a card). */
  before?: Reply[];
  /** A short form of the question, for asking again after a result was shown ("What next?"). */
  again?: string;
}

/** What a reply to a step means. */
export type StepResult<D> =
  | { kind: 'next'; step: string; data: D; say?: string[] }
  | { kind: 'end'; say: string[] }
  | { kind: 'switch'; flow: FlowId; options: FlowOptions; say?: string[] };

/** How a flow is started: the message that asked for it, and anything already known. */
export interface FlowOptions {
  text?: string;
  stage?: string;
  band?: string;
  /** Ask everything again instead of using what the person told the bot before ("start over"). */
  fresh?: boolean;
}

interface Snapshot<D> {
  step: string;
  data: D;
}

interface FlowState<D> extends Snapshot<D> {
  history: Snapshot<D>[];
  retries: number;
}

/** Where the flows tell the bot what became of the turn's message, for the FaqMatch trace. */
export const FLOW_TURN_KEY = Symbol('flowTurn');
export interface FlowTurn {
  /** "dialog" when a flow consumed the message; a decision when it was answered from the knowledge base. */
  decision?: Decision;
  /** Set when the message was "forget me". */
  forgotten?: boolean;
}

export interface FlowStart<D> {
  step: string;
  data: D;
  /** Steps already answered by what was known at the start, so "back" can return to them. */
  history?: Snapshot<D>[];
  say?: string[];
}

const LEAD_IN = '^(?:wait|hang on|sorry|oh|ok|okay|so|but|and|also|btw)?[\\s,]*';
const WH_START = new RegExp(`${LEAD_IN}(?:what|whats|what's|how|who|whos|who's|why|when|where|which)\\b`, 'i');
const AUX_START = new RegExp(`${LEAD_IN}(?:do|does|did|is|are|can|could|should|would|will|am|any)\\b`, 'i');

/**
 * Phrased as a question: a question mark, a question word up front ("what degree do I need"), or
 * a verb up front in a longer message ("do they get bonuses"; "could be better" is an answer).
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  const words = t.split(/\s+/).length;
  return /\?$/.test(t) || (WH_START.test(t) && words >= 3) || (AUX_START.test(t) && words >= 4);
}

export abstract class FlowDialog<D> extends Dialog<FlowOptions> {
  protected readonly kit: FlowKit;
  /** The flow's name in sentences ("the skills check"). */
  protected readonly flowName: string;

  constructor(
    readonly flowId: FlowId,
    protected readonly deps: FlowDeps,
  ) {
    super(flowId);
    this.kit = deps.kit;
    this.flowName = deps.kit.kb.flows[flowId].name;
  }

  /** The first step, possibly skipping questions the start message or the profile already answered. */
  protected abstract start(context: TurnContext, options: FlowOptions): Promise<FlowStart<D>>;
  protected abstract prompt(context: TurnContext, step: string, data: D): Promise<Prompt> | Prompt;
  /** What the reply means at this step, or undefined when it does not answer it. */
  protected abstract read(context: TurnContext, step: string, reply: string, data: D): Promise<StepResult<D> | undefined>;
  /** A short hint saying what this step expects. */
  protected abstract hint(step: string, data: D): string;
  /**
   * Steps that show the flow's result (the estimate, the plan, a career stage): the flow is over
   * there, so a message its buttons and words do not cover ends it and is answered as any
   * question would be, with no "Back to where we were" and no retry.
   */
  protected readonly resultSteps: ReadonlySet<string> = new Set();

  async beginDialog(dc: DialogContext, options: FlowOptions = {}): Promise<DialogTurnResult> {
    const first = await this.start(dc.context, options);
    const state: FlowState<D> = { step: first.step, data: first.data, history: first.history ?? [], retries: 0 };
    dc.activeDialog!.state = state;
    return this.ask(dc, state, first.say ?? []);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as FlowState<D>;
    const reply: string = dc.context.turnState.get(FLOW_TEXT_KEY) ?? '';
    const copy = this.kit.kb.flows.copy;
    const name = { flow: this.flowName };

    switch (this.kit.commands.command(reply)) {
      case 'help':
        return this.ask(dc, state, [fill(copy.help, { ...name, hint: this.hint(state.step, state.data) })]);
      case 'cancel':
        return this.finish(
          dc,
          [fill(copy.cancelled, name)],
          this.deps.copy.mainTopics.map((t) => t.title),
        );
      case 'startOver': {
        const first = await this.start(dc.context, { fresh: true });
        Object.assign(state, { step: first.step, data: first.data, history: first.history ?? [], retries: 0 });
        return this.ask(dc, state, [fill(copy.startingOver, name), ...(first.say ?? [])]);
      }
      case 'back': {
        const previous = state.history.pop();
        if (!previous) return this.ask(dc, state, [copy.atFirstStep]);
        Object.assign(state, { ...previous, retries: 0 });
        return this.ask(dc, state, []);
      }
      default:
        break;
    }

    // A reply is read as an answer to the step first, unless it is phrased as a question: then
    // the knowledge base gets the first go ("wait, do they get bonuses?"). A button's label is
    // always an answer, even one that reads like a question ("Could be better").
    const { choices } = await this.prompt(dc.context, state.step, state.data);
    const question =
      looksLikeQuestion(reply) && !this.kit.followUps.opensFollowUp(reply) && this.kit.text.choice(reply, choices) === undefined;
    let decision = question ? this.answerable(reply) : undefined;
    let result = decision ? undefined : await this.read(dc.context, state.step, reply, state.data);
    if (!result && !decision) {
      const other = this.kit.commands.flowToStart(reply);
      if (other) result = { kind: 'switch', flow: other, options: { text: reply } };
      else if (!question) decision = this.answerable(reply);
    }

    if (result) return this.apply(dc, state, result);
    if (this.resultSteps.has(state.step)) return this.leaveWithAnswer(dc, decision ?? this.deps.faq.ask(reply));
    if (decision) {
      // Answer the question, then ask the step again; a question is not a failed reply.
      (dc.context.turnState.get(FLOW_TURN_KEY) as FlowTurn).decision = decision;
      const answer = renderDecision(decision, this.deps.copy).map(({ suggestedActions: _ignored, ...rest }) => rest);
      await dc.context.sendActivities(answer as Reply[]);
      return this.ask(dc, state, [copy.backTo], true);
    }

    state.retries++;
    if (state.retries >= MAX_RETRIES) {
      return this.finish(dc, [fill(copy.gaveUp, name)], [this.kit.kb.flows[this.flowId].button]);
    }
    return this.ask(dc, state, [fill(copy.retry, { hint: this.hint(state.step, state.data) })], true);
  }

  /** Ends the flow at its result and answers the message as the bot answers any question. */
  private async leaveWithAnswer(dc: DialogContext, decision: Decision): Promise<DialogTurnResult> {
    (dc.context.turnState.get(FLOW_TURN_KEY) as FlowTurn).decision = decision;
    await dc.context.sendActivities(renderDecision(decision, this.deps.copy) as Reply[]);
    return dc.endDialog();
  }

  /** The knowledge base's answer (or small-talk reply) to a message, if it has a confident one. */
  private answerable(reply: string): Decision | undefined {
    const decision = this.deps.faq.ask(reply);
    return decision.kind === 'answer' || decision.kind === 'smalltalk' ? decision : undefined;
  }

  private async apply(dc: DialogContext, state: FlowState<D>, result: StepResult<D>): Promise<DialogTurnResult> {
    switch (result.kind) {
      case 'next':
        state.history.push({ step: state.step, data: state.data });
        Object.assign(state, { step: result.step, data: result.data, retries: 0 });
        return this.ask(dc, state, result.say ?? []);
      case 'end':
        return this.finish(dc, result.say, []);
      case 'switch':
        if (result.say?.length) await dc.context.sendActivities(result.say.map((t) => message(t, [], 'markdown') as Reply));
        return dc.replaceDialog(result.flow, result.options);
    }
  }

  /**
   * Says `lines`, then the step's prompt with its choices as buttons, in as few messages as
   * possible. `again`: the step was shown already, so a step with a long result says only its
   * short question.
   */
  private async ask(dc: DialogContext, state: FlowState<D>, lines: string[], again = false): Promise<DialogTurnResult> {
    const full = await this.prompt(dc.context, state.step, state.data);
    const p: Prompt = again && full.again ? { text: full.again, choices: full.choices } : full;
    const out: Reply[] = [];
    if (p.before?.length) {
      if (lines.length) out.push(message(lines.join('\n\n'), [], 'markdown') as Reply);
      out.push(...p.before, message(p.text, p.choices, 'markdown') as Reply);
    } else {
      out.push(message([...lines, p.text].join('\n\n'), p.choices, 'markdown') as Reply);
    }
    await dc.context.sendActivities(out);
    return Dialog.EndOfTurn;
  }

  private async finish(dc: DialogContext, lines: string[], buttons: readonly string[]): Promise<DialogTurnResult> {
    await dc.context.sendActivity(message(lines.join('\n\n'), buttons, 'markdown') as Reply);
    return dc.endDialog();
  }

  /** The hint for a step whose answer is one of `choices`: 'Pick "A", "B" or "C".' */
  protected pickOne(choices: readonly string[]): string {
    return fill(this.kit.kb.flows.copy.pickOne, {
      choices: listInWords(
        choices.map((x) => `"${x}"`),
        'or',
      ),
    });
  }

  /** The remembered profile; changes are saved with the turn. */
  protected async profile(context: TurnContext): Promise<UserProfile> {
    return this.deps.profile.get(context, {});
  }
}

/** The message text with any @mention removed, put in turn state by the bot for the flows. */
export const FLOW_TEXT_KEY = Symbol('flowText');
