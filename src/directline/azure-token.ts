// The server-side token exchange with Azure Bot Service's Direct Line, used when
// DIRECT_LINE_SECRET is set: the server trades its secret for a conversation token, and only the
// token (with its conversation id, lifetime and the Direct Line domain) reaches the browser.
// The secret never leaves this module except in the Authorization header to the endpoint, and no
// error message or log line carries it.
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
 */
export async function generateAzureToken(endpoint: string, secret: string, timeoutMs = 10_000): Promise<DirectLineToken> {
  let res: Response;
  try {
    res = await fetch(`${endpoint}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: `dl_${randomId(12)}` } }),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new TokenExchangeError(timedOut ? 'the Direct Line endpoint did not answer in time' : 'the Direct Line endpoint could not be reached');
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new TokenExchangeError(`the Direct Line endpoint answered ${res.status}`, res.status);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new TokenExchangeError('the Direct Line endpoint answered with something other than JSON', res.status);
  }
  const b = body as Partial<DirectLineToken> | null;
  if (!b || typeof b.token !== 'string' || !b.token || typeof b.conversationId !== 'string' || typeof b.expires_in !== 'number') {
    throw new TokenExchangeError('the Direct Line endpoint answered without a token', res.status);
  }
  return { conversationId: b.conversationId, token: b.token, expires_in: b.expires_in };
}
