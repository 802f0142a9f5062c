// The terminal's channel: a tiny in-process adapter (in the spirit of the BotBuilder samples'
// ConsoleAdapter) that turns each typed line into a message activity and hands every outgoing
// activity to a printer. Used by `npm run chat` (src/cli/chat.ts).
import {
  ActivityTypes,
  BotAdapter,
  type ActivityHandler,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

export const USER = { id: 'user', name: 'You', role: 'user' };
export const BOT = { id: 'careers-faq-bot', name: 'Careers FAQ bot', role: 'bot' };

/** Runs turns in-process and hands every outgoing activity to `print`. */
export class ConsoleAdapter extends BotAdapter {
  private nextId = 0;
  constructor(
    private readonly print: (activity: Partial<Activity>) => void,
    private readonly channelId: string,
  ) {
    super();
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) this.print(activity);
    return activities.map(() => ({ id: String(++this.nextId) }));
  }

  async updateActivity(): Promise<void> {
    // The terminal cannot edit what it already printed.
  }

  async deleteActivity(): Promise<void> {
    // Nor delete it.
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Runs one inbound activity through the middleware and the bot. */
  async receive(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const full: Partial<Activity> = {
      id: String(++this.nextId),
      channelId: this.channelId,
      serviceUrl: 'console://local',
      conversation: { id: 'console', isGroup: false, conversationType: 'personal', name: 'console' },
      from: USER,
      recipient: BOT,
      timestamp: new Date(),
      locale: 'en-US',
      ...activity,
    };
    await this.runMiddleware(new TurnContext(this, full as Activity), logic);
  }

  /** A person opens the chat: the bot's welcome. */
  join(bot: Pick<ActivityHandler, 'run'>): Promise<void> {
    return this.receive({ type: ActivityTypes.ConversationUpdate, membersAdded: [USER] }, (context) => bot.run(context));
  }

  /** A person types a line. */
  say(bot: Pick<ActivityHandler, 'run'>, text: string): Promise<void> {
    return this.receive({ type: ActivityTypes.Message, text }, (context) => bot.run(context));
  }
}

/** What the terminal prints: the bot's outgoing activities. */
export type OutgoingActivity = Partial<Activity>;

export function isTrace(activity: OutgoingActivity): boolean {
  return activity.type === ActivityTypes.Trace;
}

export function isMessage(activity: OutgoingActivity): boolean {
  return activity.type === ActivityTypes.Message;
}
