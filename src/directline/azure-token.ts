// The server-side token exchange with Azure Bot Service's Direct Line, used when
// DIRECT_LINE_SECRET is set: the server trades its secret for a conversation token, and only the
// token (with its conversation id, lifetime and the Direct Line domain) reaches the browser.
// The secret never leaves this module except in the Authorization header to the endpoint, and no
// error message or log line carries it.
import { outboundErrorOf, type OutboundGate } from '../outbound/gate';
import { randomId } from './tokens';

export interface DirectLineToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

export class TokenExchangeError extends Error {
  constructor(
    message: string,
    /** The endpoint's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TokenExchangeError';
  }
}

/**
 * POST {endpoint}/v3/directline/tokens/generate with the secret. The user id is chosen here
 * ("dl_" + random), so it is embedded in the token and the browser cannot pose as someone else.
 * The request goes through `outbound` (timeout and cap on exchanges in flight at once).
 */
export async function generateAzureToken(endpoint: string, secret: string, outbound: OutboundGate): Promise<DirectLineToken> {
  let res: { status: number; text: string };
  try {
    res = await outbound.fetchText(`${endpoint}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: `dl_${randomId(12)}` } }),
    });
  } catch (err) {
    const kind = outboundErrorOf(err)?.kind;
    throw new TokenExchangeError(
      kind === 'busy'
        ? 'too many token exchanges in progress'
        : kind
          ? 'the Direct Line endpoint did not answer in time'
          : 'the Direct Line endpoint could not be reached',
    );
  }
  if (res.status < 200 || res.status > 299) {
    throw new TokenExchangeError(`the Direct Line endpoint answered ${res.status}`, res.status);
  }
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    throw new TokenExchangeError('the Direct Line endpoint answered with something other than JSON', res.status);
  }
  const b = body as Partial<DirectLineToken> | null;
  if (!b || typeof b.token !== 'string' || !b.token || typeof b.conversationId !== 'string' || typeof b.expires_in !== 'number') {
    throw new TokenExchangeError('the Direct Line endpoint answered without a token', res.status);
  }
  return { conversationId: b.conversationId, token: b.token, expires_in: b.expires_in };
}
