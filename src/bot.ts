// The activity handler: welcomes people, answers their questions from the FAQ service, asks
// "Did you mean ...?" when unsure and falls back politely. All wording comes from the knowledge
// base (messages), all decisions from FaqService; this file only wires them to the conversation.
import { ActivityHandler, ActivityTypes, Channels, type Activity, type TurnContext } from 'botbuilder';
import type { Decision, EntryLink } from './faq/decision';
import type { Logger } from './log';
import {
  NON_TEXT_REPLY,
  TOO_LONG_REPLY,
  faqMatchTrace,
  noneOfTheseDecision,
  renderDecision,
  renderWelcome,
  type BotMessages,
  type RenderCopy,
} from './render';

/** What the bot needs from FaqService (src/faq/service.ts); FaqService satisfies it. */
export interface FaqApi {
  ask(text: string): Decision;
  /** The confidence needed to answer, reported in traces of turns that do not ask. */
  readonly threshold: number;
  readonly messages: BotMessages & { mainTopics: string[] };
  link(id: string): EntryLink;
}

export interface FaqBotOptions {
  /** Longest message text answered; longer text gets a short "too long" reply. */
  maxTextChars?: number;
  logger?: Logger;
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

export class FaqBot extends ActivityHandler {
  readonly copy: RenderCopy;
  private readonly maxTextChars: number;
  private readonly noneOfTheseKey: string;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly faq: FaqApi,
    options: FaqBotOptions = {},
  ) {
    super();
    const m = faq.messages;
    this.copy = {
      welcome: m.welcome,
      clarify: m.clarify,
      noneOfThese: m.noneOfThese,
      noneOfTheseReply: m.noneOfTheseReply,
      fallback: m.fallback,
      followUpsLabel: m.followUpsLabel,
      mainTopics: m.mainTopics.map((id) => faq.link(id)),
    };
    this.maxTextChars = options.maxTextChars ?? 2000;
    this.logger = options.logger;
    this.noneOfTheseKey = m.noneOfThese.trim().toLowerCase();

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

  /** Answers one message activity. */
  private async answer(context: TurnContext): Promise<void> {
    const text = messageText(context.activity);
    const showTrace = context.activity.channelId === Channels.Emulator;

    if (!text) {
      const decision: Decision = { query: '', kind: 'fallback', score: 0, threshold: this.faq.threshold, top: [] };
      await this.send(context, decision, [{ type: ActivityTypes.Message, text: NON_TEXT_REPLY, textFormat: 'plain' }], showTrace);
      return;
    }
    if (text.length > this.maxTextChars) {
      const decision: Decision = { query: text.slice(0, this.maxTextChars), kind: 'fallback', score: 0, threshold: this.faq.threshold, top: [] };
      await this.send(context, decision, [{ type: ActivityTypes.Message, text: TOO_LONG_REPLY, textFormat: 'plain' }], showTrace);
      return;
    }
    if (text.toLowerCase() === this.noneOfTheseKey) {
      const decision = noneOfTheseDecision(text, this.faq.threshold, this.copy);
      await this.send(context, decision, renderDecision(decision, this.copy) as Partial<Activity>[], showTrace);
      return;
    }

    const decision = this.faq.ask(text);
    if (this.logger?.isLevelEnabled('debug')) {
      this.logger.debug(
        { query: decision.query, kind: decision.kind, score: decision.score, top: decision.top[0]?.id },
        'faq decision',
      );
    }
    await this.send(context, decision, renderDecision(decision, this.copy) as Partial<Activity>[], showTrace);
  }

  /** Sends the trace (Emulator only) and the replies in one batch. */
  private async send(context: TurnContext, decision: Decision, replies: Partial<Activity>[], showTrace: boolean) {
    await context.sendActivities(showTrace ? [faqMatchTrace(decision) as Partial<Activity>, ...replies] : replies);
  }
}
