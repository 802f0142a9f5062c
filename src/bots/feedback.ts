// "Was this helpful?": offered under answers when something records the replies, and taken from
// a card button's data (Web Chat, Teams) or a "yes"/"no" right after an answer on Slack. A "yes"
// is thanked; a "no" is recorded with its question (for the unanswered report) and offered the
// entries that came next for that question (its runners-up, then the answer's follow-ups), or the
// main topics.
import type { Activity, TurnContext } from 'botbuilder';
import type { Decision } from '../faq/decision';
import type { FaqApi } from '../faq/port';
import type { Feedback } from '../learning/recorder';
import { conversationKey } from '../lib/bounded-cache';
import { capabilitiesOf } from '../render/capabilities';
import type { OutgoingActivity } from '../render/channel';
import { message, type RenderCopy } from '../render/decision';
import { readFeedbackValue, readYesNo, type FeedbackRequest, type FeedbackValue } from '../render/feedback';
import { MemoryNotes, type Notes } from '../storage/notes';

/** Entries offered after a "no". */
const RUNNERS_UP = 3;

export class FeedbackHandler {
  constructor(
    private readonly faq: FaqApi,
    private readonly copy: RenderCopy,
    private readonly record: (feedback: Feedback) => void,
    private readonly maxTextChars: number,
    /** Slack's answers awaiting a yes or no, by conversation. */
    private readonly awaiting: Notes = new MemoryNotes(),
  ) {}

  /** Asks about the answer in the decision's replies. */
  offer(decision: Decision, replies: Partial<Activity>[]): void {
    const last = replies[replies.length - 1] as OutgoingActivity | undefined;
    if (decision.kind !== 'answer' || !decision.answer || !last) return;
    const request: FeedbackRequest = { entryId: decision.answer.id, query: decision.query, score: decision.score };
    last.feedback = { request, copy: this.faq.messages.feedback };
  }

  /** Before an offered activity leaves: on Slack, the next message may be its yes or no. */
  async noteOffered(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const offered = (activity as OutgoingActivity).feedback;
    if (!offered || !capabilitiesOf(context.activity.channelId).numberedChoices) return;
    await this.awaiting.set(conversationKey(context.activity), JSON.stringify(offered.request));
  }

  /** Takes the message if it answers "Was this helpful?"; true when it did. */
  async take(context: TurnContext, text: string): Promise<boolean> {
    const clicked = readFeedbackValue(context.activity.value, (id) => this.isEntry(id), this.maxTextChars);
    if (clicked) {
      await this.reply(context, clicked);
      return true;
    }
    if (!capabilitiesOf(context.activity.channelId).numberedChoices) return false;
    const key = conversationKey(context.activity);
    const pending = await this.awaiting.get(key);
    if (!pending) return false;
    await this.awaiting.set(key, undefined);
    const helpful = readYesNo(text);
    const request = parseRequest(pending);
    if (helpful === undefined || !request || !this.isEntry(request.entryId)) return false;
    await this.reply(context, {
      faqFeedback: helpful ? 'helpful' : 'unhelpful',
      entry: request.entryId,
      query: request.query,
      score: request.score,
    });
    return true;
  }

  private async reply(context: TurnContext, value: FeedbackValue): Promise<void> {
    const helpful = value.faqFeedback === 'helpful';
    const userId = context.activity.from?.id;
    this.record({
      helpful,
      entryId: value.entry,
      query: value.query,
      score: value.score,
      channel: context.activity.channelId,
      userId: typeof userId === 'string' ? userId : undefined,
    });
    const copy = this.faq.messages.feedback;
    if (helpful) {
      await context.sendActivity(message(copy.thanks) as Partial<Activity>);
      return;
    }
    const others = this.otherEntries(value);
    const reply = others.length
      ? message(copy.sorry, others)
      : message(
          copy.sorryNoOthers,
          this.copy.mainTopics.map((t) => t.title),
        );
    await context.sendActivity(reply as Partial<Activity>);
  }

  /** The titles to offer after a "no": the question's runners-up, then the answer's follow-ups. */
  private otherEntries(value: FeedbackValue): string[] {
    if (!value.query.trim()) return [];
    const decision = this.faq.ask(value.query);
    const followUps = decision.answer?.id === value.entry ? decision.answer.followUps : [];
    const titles = [...decision.top, ...followUps].filter((e) => e.id !== value.entry).map((e) => e.title);
    return [...new Set(titles)].slice(0, RUNNERS_UP);
  }

  private isEntry(id: string): boolean {
    try {
      this.faq.link(id);
      return true;
    } catch {
      return false;
    }
  }
}

function parseRequest(note: string): FeedbackRequest | undefined {
  try {
    const request = JSON.parse(note) as Partial<FeedbackRequest>;
    if (typeof request.entryId !== 'string' || typeof request.query !== 'string') return undefined;
    return { entryId: request.entryId, query: request.query, score: typeof request.score === 'number' ? request.score : 0 };
  } catch {
    return undefined;
  }
}
