import { describe, expect, it } from 'vitest';
import { ChannelSendError, channelSendErrorIn } from '../../src/outbound/channel-send-error';
import { findInChain } from '../../src/lib/error-chain';
import { OutboundError, outboundErrorOf } from '../../src/outbound/gate';

describe('findInChain', () => {
  const timeout = new OutboundError('no answer', 'timeout', 'http://127.0.0.1:9');
  const refused = new ChannelSendError(timeout);
  // As botbuilder-dialogs wraps an error thrown inside a dialog.
  const inDialog = Object.assign(new Error('dialog failed'), { error: refused });

  it('looks through `error` (dialogs) and `cause` (everything else)', () => {
    expect(channelSendErrorIn(inDialog)).toBe(refused);
    expect(outboundErrorOf(inDialog)).toBe(timeout);
    expect(outboundErrorOf(refused)).toBe(timeout);
    expect(findInChain(timeout, OutboundError)).toBe(timeout);
  });

  it('finds nothing in unrelated errors, non-errors or chains deeper than it looks', () => {
    expect(channelSendErrorIn(new Error('x', { cause: new Error('y') }))).toBeUndefined();
    expect(outboundErrorOf(undefined)).toBeUndefined();
    expect(outboundErrorOf('timeout')).toBeUndefined();
    let deep: unknown = timeout;
    for (let i = 0; i < 5; i++) deep = new Error(`wrapper ${i}`, { cause: deep });
    expect(outboundErrorOf(deep)).toBeUndefined();
  });
});
