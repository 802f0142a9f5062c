// The activity handler: welcomes people, answers their questions from the FAQ service, asks
// "Did you mean ...?" when unsure and falls back politely. All wording comes from the knowledge
// base (messages), all decisions from FaqService; this file only wires them to the conversation.
import {
  ActivityTypes,
  Channels,
  TeamsActivityHandler,
  type Activity,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import type { FlowRouter } from '../../dialogs/flow-router';
import { conversationKey } from '../lib/bounded-cache';
import { quickAnswerResults } from '../channels/msteams';
import { NumberedChoices } from '../channels/slack';
import { channelSendErrorIn } from '../outbound/channel-send-error';
import type { Decision, DecisionListener } from '../faq/decision';
import type { FaqApi } from '../faq/port';
import type { FlowKit } from '../flows/index';
import type { Logger } from '../lib/log';
import { faqMatchTrace, noneOfTheseDecision, renderDecision, renderWelcome, type RenderCopy } from '../render/decision';
import { capabilitiesOf } from '../render/capabilities';
import { adaptForChannel, offeredOptions, type OutgoingActivity } from '../render/channel';
import type { Notes } from '../storage/notes';
import type { Feedback } from '../learning/recorder';
import { FeedbackHandler } from './feedback';

export interface FaqBotOptions {
  /** Longest message text answered; longer text gets a short "too long" reply. */
  maxTextChars?: number;
  logger?: Logger;
  /** The guided flows and the conversation state they need; without them the bot answers questions only. */
  flows?: { router: FlowRouter; kit: FlowKit };
  /** Told of what became of every message (metrics, the record of unanswered questions). */
  onDecision?: DecisionListener;
  /** Told when a person answers "Was this helpful?". */
  onFeedback?: (feedback: Feedback) => void;
  /** Where the options offered on Slack are noted (this process's memory by default). */
  offeredOptions?: Notes;
  /** Where Slack's answers awaiting a yes or no are noted (this process's memory by default). */
  awaitingFeedback?: Notes;
  /** Told of a person's "forget me", with their channel id. */
  onForget?: (userId: string | undefined) => void;
}

/** The bot's text with an @mention of the bot removed (Teams puts "<at>Bot</at>" in the text). */
export function messageText(activity: Partial<Activity>): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const botId = activity.recipient?.id;
  if (botId && Array.isArray(activity.entities)) {
    for (const entity of activity.entities) {
      const mention = entity as { type?: string; mentioned?: { id?: string }; text?: string };
      if (mention?.type === 'mention' && mention.mentioned?.id === botId && typeof mention.text === 'string') {
        text = text.replace(mention.text, ' ');
      }
    }
  }
  return text.trim();
}

/** The product copy rendering needs, with the main topics resolved to titles. */
export function renderCopy(faq: FaqApi): RenderCopy {
  const m = faq.messages;
  return {
    welcome: m.welcome,
    clarify: m.clarify,
    noneOfThese: m.noneOfThese,
    noneOfTheseReply: m.noneOfTheseReply,
    fallback: m.fallback,
    mainTopics: m.mainTopics.map((id) => faq.link(id)),
  };
}

/** A message this short that the knowledge base cannot place may lean on the previous answer. */
const FRAGMENT_WORDS = 3;

export class FaqBot extends TeamsActivityHandler {
  /** Slack's numbered replies: the options last offered in each conversation. */
  private readonly numbered: NumberedChoices;
  /** "Was this helpful?", when something records the replies. */
  private readonly feedback: FeedbackHandler | undefined;

  readonly copy: RenderCopy;
  private readonly maxTextChars: number;
  private readonly noneOfTheseKey: string;
  private readonly logger: Logger | undefined;
  private readonly flows: FaqBotOptions['flows'];
  private readonly onDecision: DecisionListener | undefined;
  private readonly onForget: FaqBotOptions['onForget'];

  constructor(
    private readonly faq: FaqApi,
    options: FaqBotOptions = {},
  ) {
    super();
    this.copy = renderCopy(faq);
    this.maxTextChars = options.maxTextChars ?? 2000;
    this.logger = options.logger;
    this.flows = options.flows;
    this.onDecision = options.onDecision;
    this.onForget = options.onForget;
    this.numbered = new NumberedChoices(options.offeredOptions);
    this.feedback = options.onFeedback
      ? new FeedbackHandler(faq, this.copy, options.onFeedback, this.maxTextChars, options.awaitingFeedback)
      : undefined;
    this.noneOfTheseKey = this.copy.noneOfThese.trim().toLowerCase();

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const people = (context.activity.membersAdded ?? []).filter((member) => member && member.id !== botId);
      // One welcome per update, even when several people join at once.
      if (people.length) await context.sendActivities(renderWelcome(this.copy) as Partial<Activity>[]);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
  }

  /** Every reply of the turn, however it was sent (answers, flows, errors), is shaped for its channel. */
  override async run(context: TurnContext): Promise<void> {
    const channel = { channelId: context.activity.channelId, conversationType: context.activity.conversation?.conversationType };
    const { numberedChoices } = capabilitiesOf(channel.channelId);
    context.onSendActivities(async (ctx, activities, next) => {
      for (const [i, activity] of activities.entries()) {
        await this.feedback?.noteOffered(ctx, activity);
        activities[i] = adaptForChannel(activity as OutgoingActivity, channel) as Partial<Activity>;
        if (numberedChoices && activity.type === ActivityTypes.Message) {
          await this.numbered.remember(conversationKey(ctx.activity), offeredOptions(activity as OutgoingActivity));
        }
      }
      return next();
    });
    await super.run(context);
  }

  /** Where options are numbered lines, "2" (or "2.") picks the second one offered. */
  private async pickNumbered(context: TurnContext, text: string): Promise<string> {
    if (!capabilitiesOf(context.activity.channelId).numberedChoices) return text;
    return this.numbered.pick(conversationKey(context.activity), text);
  }

  /** An invoke no handler takes is the caller's bad request (400), not botbuilder's 501 "not implemented". */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    if (response.status !== 501) return response;
    return { status: 400, body: { error: `this bot does not handle the invoke "${context.activity.name}"` } };
  }

  /** Recruiter quick answers: the Teams compose-box search (src/channels/msteams.ts). */
  protected override async handleTeamsMessagingExtensionQuery(
    _context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return quickAnswerResults(this.faq, query, this.copy.mainTopics, this.maxTextChars);
  }

  /** Answers one message activity. */
  private async answer(context: TurnContext): Promise<void> {
    const typed = messageText(context.activity);
    if (this.feedback && (await this.feedback.take(context, typed))) return;
    const text = await this.pickNumbered(context, typed);
    const showTrace = context.activity.channelId === Channels.Emulator;

    if (!text) {
      const decision: Decision = { query: '', kind: 'fallback', score: 0, threshold: this.faq.threshold, top: [] };
      await this.send(
        context,
        decision,
        [{ type: ActivityTypes.Message, text: this.faq.messages.nonText, textFormat: 'plain' }],
        showTrace,
        false,
      );
      return;
    }
    if (text.length > this.maxTextChars) {
      const decision: Decision = {
        query: text.slice(0, this.maxTextChars),
        kind: 'fallback',
        score: 0,
        threshold: this.faq.threshold,
        top: [],
      };
      await this.send(
        context,
        decision,
        [{ type: ActivityTypes.Message, text: this.faq.messages.tooLong, textFormat: 'plain' }],
        showTrace,
        false,
      );
      return;
    }
    if (!this.flows) {
      await this.answerQuestion(context, text, showTrace);
      return;
    }
    try {
      await this.answerWithFlows(context, text, showTrace, this.flows);
    } catch (error) {
      // The channel refused a reply: answering again would only repeat it. The adapter reports it.
      const refused = channelSendErrorIn(error);
      if (refused) throw refused;
      // The state store is down or a stored flow cannot continue: never crash the turn. Start the
      // conversation's flows afresh and, if nothing was said yet, answer the message as a question.
      this.logger?.error({ err: error instanceof Error ? error.message : String(error) }, 'flow turn failed; answering without state');
      await this.flows.router.reset(context).catch(() => undefined);
      await this.flows.router.save(context).catch(() => undefined);
      if (context.responded) await this.sayStateTrouble(context, this.flows);
      else await this.answerQuestion(context, text, showTrace);
    }
  }

  private async answerWithFlows(context: TurnContext, text: string, showTrace: boolean, flows: NonNullable<FaqBotOptions['flows']>) {
    const turn = await flows.router.route(context, text);
    if (turn) {
      const decision = turn.decision ?? { query: text, kind: 'dialog', score: 1, threshold: this.faq.threshold, top: [] };
      if (showTrace) await context.sendActivity(faqMatchTrace(decision) as Partial<Activity>);
      this.tell(context, decision, true);
      if (turn.forgotten) this.onForget?.(context.activity.from?.id);
      await flows.router.save(context);
      if (flows.router.keptInMemoryOnly(context)) await this.sayStateTrouble(context, flows);
      return;
    }
    const decision = this.isNoneOfThese(text)
      ? this.noneOfThese(text)
      : this.withContext(text, await flows.router.lastAnswer(context), flows.kit);
    const replies = this.render(decision);
    // Answers on a topic a guided flow continues offer that flow first among the buttons.
    const flow = decision.kind === 'answer' && decision.answer ? flows.kit.commands.flowFor(decision.answer.id) : undefined;
    const last = replies[replies.length - 1];
    if (flow && last) {
      const button = flows.kit.kb.flows[flow].button;
      const actions = (last.suggestedActions?.actions ?? []).filter((a) => a.title !== button);
      last.suggestedActions = { actions: [{ type: 'imBack', title: button, value: button }, ...actions] } as Activity['suggestedActions'];
      last.inputHint = 'expectingInput';
    }
    await flows.router.setLastAnswer(context, decision.kind === 'answer' ? decision.answer?.id : undefined);
    await this.send(context, decision, replies, showTrace, !this.isNoneOfThese(text));
  }

  /** Once per conversation: its state could not be saved (it is kept in memory, or was reset). */
  private async sayStateTrouble(context: TurnContext, flows: NonNullable<FaqBotOptions['flows']>): Promise<void> {
    if (!flows.router.firstTroubleNotice(context)) return;
    await context.sendActivity({ type: ActivityTypes.Message, text: flows.kit.kb.flows.copy.stateTrouble, textFormat: 'plain' });
  }

  /** A short follow-up ("and for seniors?") read in the context of the previous answer when that answers it better. */
  private withContext(text: string, lastAnswer: string | undefined, kit: FlowKit): Decision {
    const plain = this.faq.ask(text);
    // A follow-up opens like one ("and for seniors?", "what about NYC?"), or is a bare fragment
    // ("seniors?") the knowledge base could not place. Small talk ("thanks") is never one.
    const opens = kit.followUps.opensFollowUp(text);
    const fragment = (plain.kind === 'fallback' || plain.kind === 'clarify') && text.split(/\s+/).length <= FRAGMENT_WORDS;
    if (!opens && !fragment) return plain;
    const inContext = kit.followUps.inContext(text, lastAnswer);
    if (!inContext) return plain;
    const contextual = this.faq.ask(inContext);
    if (contextual.kind !== 'answer') return plain;
    return { ...contextual, query: text };
  }

  private async answerQuestion(context: TurnContext, text: string, showTrace: boolean): Promise<void> {
    const noneOfThese = this.isNoneOfThese(text);
    const decision = noneOfThese ? this.noneOfThese(text) : this.faq.ask(text);
    await this.send(context, decision, this.render(decision), showTrace, !noneOfThese);
  }

  /** "None of these" after a did-you-mean gets its own fallback. */
  private isNoneOfThese(text: string): boolean {
    return text.toLowerCase() === this.noneOfTheseKey;
  }

  private noneOfThese(text: string): Decision {
    return noneOfTheseDecision(text, this.faq.threshold, this.copy);
  }

  private render(decision: Decision): Partial<Activity>[] {
    if (this.logger?.isLevelEnabled('debug')) {
      this.logger.debug({ query: decision.query, kind: decision.kind, score: decision.score, top: decision.top[0]?.id }, 'faq decision');
    }
    const replies = renderDecision(decision, this.copy) as Partial<Activity>[];
    this.feedback?.offer(decision, replies);
    return replies;
  }

  /** Sends the trace (Emulator only) and the replies in one batch. */
  private async send(context: TurnContext, decision: Decision, replies: Partial<Activity>[], showTrace: boolean, fromQuestion = true) {
    await context.sendActivities(showTrace ? [faqMatchTrace(decision) as Partial<Activity>, ...replies] : replies);
    this.tell(context, decision, fromQuestion);
  }

  /** Tells the listener what became of the message, once it was sent. */
  private tell(context: TurnContext, decision: Decision, fromQuestion: boolean): void {
    const userId = context.activity.from?.id;
    this.onDecision?.({
      decision,
      channel: context.activity.channelId,
      fromQuestion,
      userId: typeof userId === 'string' ? userId : undefined,
    });
  }
}
