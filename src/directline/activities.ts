// The activities of the built-in Direct Line endpoint: what a client may post (checked and reduced
// to the fields the bot reads), the echo the client gets back, the activity the bot's turn runs
// with, and the bot's replies as the client sees them. No botbuilder import: the shapes are plain
// objects, structurally compatible with botbuilder's Activity.
import { isObject, type Json } from '../lib/http';
import type { ConversationRef } from './registry';

/** Who the bot is in web chat conversations. */
export interface BotIdentity {
  id: string;
  name: string;
}

/** Runs one turn of the bot with an activity and resolves with the bot's replies. */
export type RunTurn = (activity: Json) => Promise<Json[]>;

/** The channel id of every activity of this endpoint. */
export const CHANNEL_ID = 'webchat';
/** Replies come back from the turn (expectReplies); this address is never called. */
export const SERVICE_URL = 'http://localhost/v3/directline';

const CLIENT_TYPES = ['message', 'event', 'typing'];
/** A BCP 47 language tag, loosely. */
export const LOCALE = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}$/;
const MAX_LIST = 20;

export type ClientCheck = { ok: true; activity: Json } | { ok: false; error: string };

/**
 * Checks an activity posted by a client and keeps only what the bot may read: type, text,
 * textFormat, locale, name and value (events), attachments, entities and channelData (where Web
 * Chat puts its clientActivityID). Identity fields (from, recipient, conversation, id, timestamps)
 * are always set by the server.
 */
export function checkClientActivity(body: unknown, maxTextChars: number): ClientCheck {
  if (!isObject(body)) return { ok: false, error: 'the body must be a JSON object (an activity)' };
  const { type, text, textFormat, locale, name, value, attachments, entities, channelData } = body;
  if (typeof type !== 'string' || !CLIENT_TYPES.includes(type)) {
    return { ok: false, error: `"type" must be one of ${CLIENT_TYPES.join(', ')}` };
  }
  const activity: Json = { type };
  if (text !== undefined && text !== null) {
    if (typeof text !== 'string') return { ok: false, error: '"text" must be a string' };
    if (text.length > maxTextChars) return { ok: false, error: `"text" is longer than ${maxTextChars} characters` };
    activity.text = text;
  }
  if (textFormat !== undefined && textFormat !== null) {
    if (textFormat !== 'plain' && textFormat !== 'markdown' && textFormat !== 'xml') {
      return { ok: false, error: '"textFormat" must be plain, markdown or xml' };
    }
    activity.textFormat = textFormat;
  }
  if (locale !== undefined && locale !== null) {
    if (typeof locale !== 'string' || !LOCALE.test(locale)) return { ok: false, error: '"locale" must be a language tag such as en-US' };
    activity.locale = locale;
  }
  if (name !== undefined && name !== null) {
    if (typeof name !== 'string' || name.length > 200) return { ok: false, error: '"name" must be a string of at most 200 characters' };
    activity.name = name;
  }
  if (value !== undefined) activity.value = value;
  for (const [key, list] of [
    ['attachments', attachments],
    ['entities', entities],
  ] as const) {
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list) || list.length > MAX_LIST || !list.every(isObject)) {
      return { ok: false, error: `"${key}" must be an array of at most ${MAX_LIST} objects` };
    }
    activity[key] = list;
  }
  if (channelData !== undefined && channelData !== null) {
    if (!isObject(channelData)) return { ok: false, error: '"channelData" must be an object' };
    activity.channelData = channelData;
  }
  return { ok: true, activity };
}

const userAccount = (conversation: ConversationRef) => ({ id: conversation.userId, role: 'user' });
const botAccount = (bot: BotIdentity) => ({ id: bot.id, name: bot.name, role: 'bot' });

/** What the server sets on every activity of a conversation: id, time, channel and accounts. */
function envelope(conversation: ConversationRef, bot: BotIdentity, fromBot: boolean, id: string, timestamp: Date) {
  return {
    id,
    timestamp: timestamp.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversation.id },
    from: fromBot ? botAccount(bot) : userAccount(conversation),
    recipient: fromBot ? userAccount(conversation) : botAccount(bot),
  };
}

/** The user's activity as every client sees it: the checked fields plus server-assigned identity, id and time. */
export function userEcho(
  checked: Json,
  conversation: ConversationRef,
  bot: BotIdentity,
  id: string,
  timestamp: Date,
): Json & { id: string } {
  return { ...checked, ...envelope(conversation, bot, false, id, timestamp) };
}

/** The activity the bot's turn runs with, made from the echo. */
export function turnActivity(echo: Json): Json {
  return { ...echo, timestamp: new Date(echo.timestamp as string), serviceUrl: SERVICE_URL };
}

/** The turn that starts a conversation: the user joins, so the bot's welcome is sent. */
export function conversationStart(conversation: ConversationRef, bot: BotIdentity, locale?: string): Json {
  const start: Json = {
    type: 'conversationUpdate',
    ...envelope(conversation, bot, false, `${conversation.id}|start`, new Date()),
    membersAdded: [userAccount(conversation)],
  };
  if (locale) start.locale = locale;
  return turnActivity(start);
}

/** A reply of the bot as clients see it: its own content, with this endpoint's id, time and accounts. */
export function botActivity(
  reply: Json,
  conversation: ConversationRef,
  bot: BotIdentity,
  id: string,
  timestamp: Date,
): Json & { id: string } {
  // Delivery details of the in-process turn mean nothing to a client.
  const { serviceUrl: _s, deliveryMode: _d, callerId: _c, localTimestamp: _l, ...content } = reply;
  return { ...content, ...envelope(conversation, bot, true, id, timestamp) };
}
