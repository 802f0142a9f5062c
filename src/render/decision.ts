// Turns a Decision into the activities the bot sends, channel-neutral: one message with markdown
// text and suggested actions (imBack buttons), an answer marked with its title so that
// src/render/channel.ts can show it as a card where the channel draws cards. No botbuilder import
// here: the shapes below are structurally compatible with botbuilder's Partial<Activity>.
import type { Decision, EntryLink, ScoredEntry } from '../faq/decision';

/** The product copy the bot needs to render (a subset of FaqService.messages). */
export interface BotMessages {
  welcome: string;
  clarify: string;
  noneOfThese: string;
  noneOfTheseReply: string;
  fallback: string;
}

/** Everything rendering needs besides the decision, resolved once at start-up. */
export interface RenderCopy extends BotMessages {
  /** The main topics (messages.mainTopics resolved to titles), offered by welcome and fallback. */
  mainTopics: EntryLink[];
}

export interface ImBackAction {
  type: 'imBack';
  title: string;
  value: string;
}

export interface OutgoingMessage {
  type: 'message';
  text: string;
  textFormat: 'markdown' | 'plain';
  inputHint: 'acceptingInput' | 'expectingInput';
  /** Buttons under the message. `to` is omitted: they are shown to everyone in the conversation. */
  suggestedActions?: { actions: ImBackAction[] };
  /** An answer from the knowledge base, with its title: shown as a card where cards are drawn. */
  answerTitle?: string;
}

export const FAQ_MATCH_VALUE_TYPE = 'https://careers-faq-bot/FaqMatch';

export interface FaqMatchTrace {
  type: 'trace';
  name: 'FaqMatch';
  label: 'FAQ match';
  valueType: typeof FAQ_MATCH_VALUE_TYPE;
  value: {
    query: string;
    kind: Decision['kind'];
    top: { id: string; score: number }[];
    threshold: number;
  };
}

const imBack = (title: string): ImBackAction => ({ type: 'imBack', title, value: title });

export function message(
  text: string,
  buttons: readonly string[] = [],
  textFormat: OutgoingMessage['textFormat'] = 'plain',
): OutgoingMessage {
  const activity: OutgoingMessage = {
    type: 'message',
    text,
    textFormat,
    inputHint: buttons.length ? 'expectingInput' : 'acceptingInput',
  };
  if (buttons.length) activity.suggestedActions = { actions: buttons.map(imBack) };
  return activity;
}

const titles = (links: readonly EntryLink[]) => links.map((l) => l.title);

/** The activities for one decision. Follow-ups and choices are buttons, never part of the text, so
 * the answer text stays focused. */
export function renderDecision(decision: Decision, copy: RenderCopy): OutgoingMessage[] {
  switch (decision.kind) {
    case 'answer': {
      const answer = decision.answer;
      if (!answer) return renderFallback(decision, copy);
      return [{ ...message(answer.text, titles(answer.followUps), 'markdown'), answerTitle: answer.title }];
    }
    case 'clarify': {
      const choices: ScoredEntry[] = decision.choices ?? [];
      if (!choices.length) return renderFallback(decision, copy);
      return [message(copy.clarify, [...titles(choices), copy.noneOfThese])];
    }
    case 'smalltalk':
      return [message(decision.reply ?? copy.fallback)];
    case 'fallback':
    default:
      return renderFallback(decision, copy);
  }
}

function renderFallback(decision: Decision, copy: RenderCopy): OutgoingMessage[] {
  const topics = decision.topics?.length ? decision.topics : copy.mainTopics;
  return [message(decision.reply ?? copy.fallback, titles(topics))];
}

export function renderWelcome(copy: RenderCopy): OutgoingMessage[] {
  return [message(copy.welcome, titles(copy.mainTopics))];
}

/** The decision for "None of these" after a did-you-mean: a fallback with its own wording. */
export function noneOfTheseDecision(query: string, threshold: number, copy: RenderCopy): Decision {
  return {
    query,
    kind: 'fallback',
    score: 0,
    threshold,
    top: [],
    reply: copy.noneOfTheseReply,
    topics: copy.mainTopics,
  };
}

/** The FaqMatch trace: its shape is a contract that tests outside this repository read. */
export function faqMatchTrace(decision: Decision): FaqMatchTrace {
  return {
    type: 'trace',
    name: 'FaqMatch',
    label: 'FAQ match',
    valueType: FAQ_MATCH_VALUE_TYPE,
    value: {
      query: decision.query,
      kind: decision.kind,
      top: decision.top.map(({ id, score }) => ({ id, score })),
      threshold: decision.threshold,
    },
  };
}
