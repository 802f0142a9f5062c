// A reply the channel did not take: its serviceUrl answered an error (after the connector's own
// retries) or could not be reached. Kept apart from every other turn failure so that nothing
// composes a second answer, or an apology, to a channel that has just refused the first one.
import { findInChain } from '../lib/error-chain';

export class ChannelSendError extends Error {
  /** The channel's HTTP status, when it answered at all. */
  readonly status?: number;

  constructor(cause: unknown) {
    const status = statusOf(cause);
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`the channel did not accept the reply${status ? ` (HTTP ${status})` : ''}: ${reason}`, { cause });
    this.name = 'ChannelSendError';
    this.status = status;
  }
}

function statusOf(err: unknown): number | undefined {
  const status = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** The ChannelSendError behind `err`, if any (a dialog's DialogContextError wraps it). */
export const channelSendErrorIn = (err: unknown): ChannelSendError | undefined => findInChain(err, ChannelSendError);
