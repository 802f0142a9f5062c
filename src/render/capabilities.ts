// What each channel's client shows, in one table: whether it draws Adaptive Cards, whether it
// shows suggested actions and how many, and whether buttons must become numbered lines. Every
// channel decision (answers, flow prompts, the skills summary, Slack's numbered replies) reads it.
// Pure: no botbuilder import.

/** How a reply is shaped for a client (render/channel.ts). */
export type ChannelStyle = 'webchat' | 'teams' | 'slack' | 'plain';

export interface ChannelCapabilities {
  style: ChannelStyle;
  /** The client draws Adaptive Cards: answers and the skills summary are sent as cards. */
  cards: boolean;
  /** Most suggested actions the client shows (Teams: three, in a personal chat only); 0: none. */
  suggestedActions: number;
  /** No button reaches the person: choices become numbered lines, answered by number or name. */
  numberedChoices: boolean;
  /** The client shows a typing indicator: the bot sends one before its reply (bots/typing-first.ts). */
  typing: boolean;
}

const WEB_CHAT: ChannelCapabilities = { style: 'webchat', cards: true, suggestedActions: Infinity, numberedChoices: false, typing: true };

const CHANNELS: Readonly<Record<string, ChannelCapabilities>> = {
  webchat: WEB_CHAT,
  directline: WEB_CHAT,
  msteams: { style: 'teams', cards: true, suggestedActions: 3, numberedChoices: false, typing: true },
  // Slack shows no typing indicator for bots: one would cost an outbound call for nothing.
  slack: { style: 'slack', cards: false, suggestedActions: 0, numberedChoices: true, typing: false },
};

/** The Emulator, the terminal and tests: markdown text and every suggested action. */
const PLAIN: ChannelCapabilities = { style: 'plain', cards: false, suggestedActions: Infinity, numberedChoices: false, typing: true };

export function capabilitiesOf(channelId: string | undefined): ChannelCapabilities {
  return channelId !== undefined && Object.hasOwn(CHANNELS, channelId) ? CHANNELS[channelId] : PLAIN;
}
