// A typing activity just before the bot's first message in reply to each message, so Web Chat and
// Teams show the indicator. botbuilder's ShowTypingMiddleware sends one from a timer, only once a
// turn has outlasted its delay: answers here take about a millisecond, so it would send none, or
// one after the reply. This puts it in the same batch, right before the message (after the
// FaqMatch trace, which stays first), once, and only when a message follows.
import { ActivityTypes, TurnContext, type Activity, type Middleware } from 'botbuilder';
import { capabilitiesOf } from '../render/capabilities';

export class TypingFirst implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type === ActivityTypes.Message && capabilitiesOf(context.activity.channelId).typing) {
      let typed = false;
      context.onSendActivities(async (ctx, activities, send) => {
        const first = activities.findIndex((a) => a.type === ActivityTypes.Message);
        if (!typed && first !== -1) {
          typed = true;
          const typing: Partial<Activity> = { type: ActivityTypes.Typing };
          activities.splice(first, 0, TurnContext.applyConversationReference(typing, TurnContext.getConversationReference(ctx.activity)));
        }
        return send();
      });
    }
    await next();
  }
}
