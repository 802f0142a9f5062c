// The Bot Framework adapter of the server: botbuilder's CloudAdapter with an entry for activities
// already read and checked (/api/messages), one for in-process turns (the built-in web chat), and
// a turn-error handler that apologizes unless the channel itself refused the reply.
import { CloudAdapter, type Activity, type InvokeResponse, type ResourceResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity } from 'botframework-connector';
import { TypingFirst } from '../bots/typing-first';
import type { Logger } from '../lib/log';
import { ChannelSendError, channelSendErrorIn } from '../outbound/channel-send-error';
import { createBotFrameworkAuthentication, type AuthConfig, type CachingAuthOptions, type CachingBotFrameworkAuthentication } from './auth';

/**
 * CloudAdapter with one addition: `handle` runs an already parsed and checked activity through the
 * same `processActivity` that `CloudAdapter.process` calls, and lets the caller write the HTTP
 * response. Compared with `process(req, res, logic)` this (1) answers auth failures and internal
 * errors with JSON bodies, (2) does not print every refused request's stack trace to the console,
 * and (3) skips `process`'s per-request zod schema checks, which we have already done by hand.
 */
export class BotServerAdapter extends CloudAdapter {
  constructor(
    readonly auth: CachingBotFrameworkAuthentication,
    /** This bot's app id, if it has one: in-process turns run as the bot itself. */
    private readonly appId?: string,
  ) {
    super(auth);
  }

  /**
   * Runs an activity from a channel built into this server (the web chat's Direct Line endpoint)
   * through CloudAdapter, without an HTTP hop and without opening /api/messages: the caller has
   * authenticated the user its own way. The activity is processed with deliveryMode
   * "expectReplies" and the bot's replies are returned.
   */
  async runInProcess(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const claims = this.appId
      ? [
          { type: AuthenticationConstants.AudienceClaim, value: this.appId },
          { type: AuthenticationConstants.AppIdClaim, value: this.appId },
        ]
      : [];
    const claimsIdentity = new ClaimsIdentity(claims, true);
    const result = await this.processActivity(
      {
        audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
        claimsIdentity,
        connectorFactory: this.auth.createConnectorFactory(claimsIdentity),
      },
      { ...activity, deliveryMode: 'expectReplies' } as Activity,
      logic,
    );
    const body = result?.body as { activities?: Partial<Activity>[] } | undefined;
    return body?.activities ?? [];
  }

  /** A reply the channel refused (after the connector's retries) fails as a ChannelSendError. */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    try {
      return await super.sendActivities(context, activities);
    } catch (err) {
      throw err instanceof ChannelSendError ? err : new ChannelSendError(err);
    }
  }

  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The adapter with cached outbound clients (src/server/auth.ts) and a friendly turn-error handler. */
export function createAdapter(
  config: AuthConfig,
  logger: Logger,
  /** The apology a failed turn gets (knowledge/messages.yaml's turnError). */
  turnErrorReply: string,
  cache?: CachingAuthOptions,
): BotServerAdapter {
  const adapter = new BotServerAdapter(createBotFrameworkAuthentication(config, cache), config.microsoftAppId);
  adapter.use(new TypingFirst());
  adapter.onTurnError = async (context, error) => {
    const refused = channelSendErrorIn(error);
    if (refused) {
      // The channel refused the reply: an apology would only be refused too (or arrive alone).
      logger.error(
        { reason: refused.message, status: refused.status, channelId: context.activity?.channelId },
        'could not deliver the reply to the channel',
      );
      throw refused;
    }
    logger.error({ err: error, activityType: context.activity?.type, channelId: context.activity?.channelId }, 'turn failed');
    // If even the apology cannot be sent, the request fails with a 502 JSON error; the original
    // error is what was logged above.
    await context.sendActivity({ type: 'message', text: turnErrorReply, textFormat: 'plain' });
  };
  return adapter;
}
