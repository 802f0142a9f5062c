// The last step before a message leaves: the same reply shaped for the client that shows it.
//   Web Chat (webchat, directline): answers as Adaptive Cards, buttons as suggested actions; a
//     message that is only cards is narrated by the cards' spoken text.
//   Teams (msteams): answers as Adaptive Cards; follow-ups as suggested actions in a personal chat
//     (Teams shows three, so the first three); choices that must all be seen (a flow's stages,
//     ratings) and every button in channels and group chats, which show no suggested actions,
//     as card buttons.
//   Slack: no cards and no suggested actions reach Slack users, so markdown becomes Slack's
//     mrkdwn and buttons become numbered lines the person answers by number or by name (options
//     that are numbers themselves, a rating's 1-5, are listed and answered as they are).
//   Anything else (the Emulator, the terminal, tests): markdown text and suggested actions.
// An answer that asks "Was this helpful?" gets the question's buttons in its card, or a line
// asking for yes or no on Slack; the Emulator and the terminal are not asked.
// What each client can show is the table in capabilities.ts. Pure: plain objects in and out.
import { capabilitiesOf, type ChannelCapabilities } from './capabilities';
import { answerCard, cardButtonsCard, type Attachment } from './cards';
import { feedbackActionSet, type FeedbackCopy, type FeedbackRequest } from './feedback';

export interface OutgoingActivity {
  type?: string;
  text?: string;
  textFormat?: string;
  inputHint?: string;
  suggestedActions?: { actions: { type?: string; title?: string; value?: unknown }[]; to?: string[] };
  attachments?: Attachment[];
  answerTitle?: string;
  /** Ask whether this answer helped. */
  feedback?: { request: FeedbackRequest; copy: FeedbackCopy };
  [key: string]: unknown;
}

export interface ChannelInfo {
  channelId: string;
  /** Teams: "personal", "groupChat" or "channel". */
  conversationType?: string;
}

/** The titles of the buttons a message offers, in order (what a number picks on Slack). */
export function offeredOptions(activity: Pick<OutgoingActivity, 'suggestedActions'>): string[] {
  return (activity.suggestedActions?.actions ?? [])
    .map((a) => (typeof a.value === 'string' ? a.value : a.title))
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
}

/**
 * Whether a typed number may stand for an option's position. Not when an option is a number
 * itself (a rating's 1-5, then Skip): "6" would pick Skip and "2" could mean either.
 */
export function numbersPickOptions(options: readonly string[]): boolean {
  return !options.some((o) => /^\s*\d+\s*$/.test(o));
}

/** Options as text, for clients without buttons: numbered lines, or "[1] [2] ... [Skip]" when
 * the options are numbers themselves and are typed as shown. */
export function optionLines(options: readonly string[]): string[] {
  if (!options.length) return [];
  return numbersPickOptions(options) ? options.map((o, i) => `${i + 1}. ${o}`) : [options.map((o) => `[${o}]`).join(' ')];
}

export function adaptForChannel(activity: OutgoingActivity, channel: ChannelInfo): OutgoingActivity {
  if (activity.type !== 'message') return activity;
  const { answerTitle, feedback, ...rest } = activity;
  const capabilities = capabilitiesOf(channel.channelId);
  switch (capabilities.style) {
    case 'webchat':
      return narratedByCards(answerTitle ? asCard(rest, answerTitle, feedback) : rest);
    case 'teams':
      return forTeams(answerTitle ? asCard(rest, answerTitle, feedback) : rest, capabilities, channel.conversationType, !!answerTitle);
    case 'slack':
      return forSlack(rest, feedback?.copy.slackPrompt);
    default:
      return rest;
  }
}

/** The answer text moves into a card with its title; the message keeps no text of its own (a
 * client would show both), and the card's fallback text carries it for clients without cards. */
function asCard(activity: OutgoingActivity, title: string, feedback: OutgoingActivity['feedback']): OutgoingActivity {
  const { text, textFormat: _format, ...rest } = activity;
  const card = answerCard(title, text ?? '');
  if (feedback) {
    const body = card.content.body as Record<string, unknown>[];
    card.content = { ...card.content, body: [...body, ...feedbackActionSet(feedback.copy, feedback.request)] };
  }
  return { ...rest, attachments: [...(activity.attachments ?? []), card] };
}

/**
 * Web Chat's screen reader text for a message is its `text`, else "1 attachment": a message of
 * cards only gets the cards' spoken text instead (Web Chat's `webchat:fallback-text`), so the answer
 * is heard when it arrives and when the transcript is browsed.
 */
function narratedByCards(activity: OutgoingActivity): OutgoingActivity {
  const spoken = (activity.attachments ?? []).map((a) => a.content?.speak).filter((s): s is string => typeof s === 'string' && s !== '');
  if (activity.text || !spoken.length) return activity;
  const channelData = { ...(activity.channelData as Record<string, unknown> | undefined), 'webchat:fallback-text': spoken.join(' ') };
  return { ...activity, channelData };
}

function forTeams(
  activity: OutgoingActivity,
  capabilities: ChannelCapabilities,
  conversationType: string | undefined,
  isAnswer: boolean,
): OutgoingActivity {
  const options = offeredOptions(activity);
  if (!options.length) return activity;
  const personal = !conversationType || conversationType === 'personal';
  const shown = capabilities.suggestedActions;
  // An answer's follow-ups are suggestions: the first three will do. A prompt's choices are not.
  if (personal && (isAnswer || options.length <= shown)) {
    const actions = activity.suggestedActions!.actions.slice(0, shown);
    return { ...activity, suggestedActions: { ...activity.suggestedActions, actions } };
  }
  // On a card, the answer's own card when there is one.
  const { suggestedActions: _dropped, ...rest } = activity;
  const attachments = [...(rest.attachments ?? [])];
  const card = attachments.findIndex((a) => a.content?.type === 'AdaptiveCard');
  if (card >= 0) attachments[card] = withSubmitButtons(attachments[card], options);
  else attachments.push(cardButtonsCard(options));
  return { ...rest, attachments };
}

/** Teams sends a card's imBack button as the user's message, like a suggested action. */
function withSubmitButtons(card: Attachment, options: string[]): Attachment {
  const actions = options.map((title) => ({ type: 'Action.Submit', title, data: { msteams: { type: 'imBack', value: title } } }));
  return { ...card, content: { ...card.content, actions } };
}

function forSlack(activity: OutgoingActivity, feedbackPrompt: string | undefined): OutgoingActivity {
  const { suggestedActions: _dropped, attachments, ...rest } = activity;
  const options = offeredOptions(activity);
  // Cards do not reach Slack users: their fallback text does.
  const cardTexts = (attachments ?? [])
    .map((a) => (typeof a.content?.fallbackText === 'string' ? a.content.fallbackText : ''))
    .filter(Boolean);
  const parts = [...cardTexts, rest.text ?? ''].filter(Boolean).map(toSlackMarkdown);
  if (feedbackPrompt) parts.push(toSlackMarkdown(feedbackPrompt));
  if (options.length) parts.push(optionLines(options).join('\n'));
  return { ...rest, text: parts.join('\n\n'), textFormat: 'markdown' };
}

/** Markdown to Slack's mrkdwn: **bold** -> *bold*, [text](url) -> <url|text>, "- " -> "• ". */
export function toSlackMarkdown(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<$2|$1>')
    .replace(/^- /gm, '• ');
}
