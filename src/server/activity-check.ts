// The checks an inbound /api/messages activity passes before botbuilder sees it: the parts the bot
// and botbuilder rely on (ids they key state and replies by, the reply address, the shapes of the
// invokes they parse). Anything else botbuilder would meet as a TypeError in the middle of a turn,
// logged as the bot's failure and answered 500; here it is the caller's 400, with a reason.
// Hand-written, not a schema: it runs on every message and must stay cheap.
import type { Activity } from 'botbuilder';
import { isObject, type Json } from '../lib/http';

export type ActivityCheck = { ok: true; activity: Activity } | { ok: false; error: string };

const STRING_FIELDS = ['id', 'channelId', 'serviceUrl', 'deliveryMode', 'locale', 'replyToId', 'name'] as const;

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** The first problem with the activity's shape, or undefined when it has none. */
function shapeProblem(a: Json, maxTextChars: number): string | undefined {
  if (!nonEmpty(a.type)) return 'the activity must have a string "type"';
  if (a.text !== undefined && a.text !== null) {
    if (typeof a.text !== 'string') return '"text" must be a string';
    if (a.text.length > maxTextChars) return `"text" is longer than ${maxTextChars} characters`;
  }
  for (const key of ['conversation', 'from', 'recipient', 'channelData'] as const) {
    if (a[key] !== undefined && a[key] !== null && !isObject(a[key])) return `"${key}" must be an object`;
  }
  for (const key of STRING_FIELDS) {
    if (a[key] !== undefined && a[key] !== null && typeof a[key] !== 'string') return `"${key}" must be a string`;
  }
  for (const key of ['membersAdded', 'membersRemoved'] as const) {
    const members = a[key];
    if (members !== undefined && members !== null && (!Array.isArray(members) || !members.every(isObject))) {
      return `"${key}" must be an array of accounts`;
    }
  }
  for (const key of ['entities', 'attachments'] as const) {
    const list = a[key];
    if (list !== undefined && list !== null && (!Array.isArray(list) || !list.every(isObject))) {
      return `"${key}" must be an array of objects`;
    }
  }
  return undefined;
}

/** The first missing id or unusable reply address, or undefined. */
function addressProblem(a: Json): string | undefined {
  if (!nonEmpty(a.channelId)) return 'the activity must have a "channelId"';
  if (!nonEmpty((a.conversation as Json | undefined)?.id)) return 'the activity must have a "conversation" with a string "id"';
  // Messages and invokes come from someone: their state is kept under that id.
  if ((a.type === 'message' || a.type === 'invoke') && !nonEmpty((a.from as Json | undefined)?.id)) {
    return 'the activity must have a "from" with a string "id"';
  }
  if (a.serviceUrl !== undefined && a.serviceUrl !== null && a.serviceUrl !== '' && !isHttpUrl(a.serviceUrl as string)) {
    return '"serviceUrl" must be an http(s) URL';
  }
  if (a.type !== 'invoke' && a.deliveryMode !== 'expectReplies' && !nonEmpty(a.serviceUrl)) {
    return '"serviceUrl" is required (unless deliveryMode is "expectReplies")';
  }
  return undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Teams message edits and deletions: botbuilder reads their `channelData.eventType` unguarded. */
function teamsProblem(a: Json): string | undefined {
  const readsEventType = a.channelId === 'msteams' && (a.type === 'messageUpdate' || a.type === 'messageDelete');
  return readsEventType && !isObject(a.channelData) ? `a Teams ${a.type} must have "channelData"` : undefined;
}

/** The first problem with an invoke's name or with the value of an invoke botbuilder parses. */
function invokeProblem(a: Json): string | undefined {
  if (a.type !== 'invoke') return undefined;
  if (!nonEmpty(a.name)) return 'an invoke must have a "name"';
  const value = a.value as Json | undefined;
  if (a.name === 'composeExtension/query') {
    if (!isObject(value)) return '"value" must be a messaging extension query object';
    const parameters = value.parameters;
    if (parameters !== undefined && parameters !== null && (!Array.isArray(parameters) || !parameters.every(isObject))) {
      return '"value.parameters" must be an array of objects';
    }
  }
  if (a.name === 'adaptiveCard/action' && !(isObject(value) && isObject(value.action))) {
    return '"value" must be an object with an "action" object';
  }
  return undefined;
}

/**
 * Checks the activity (see the top of this file) and converts timestamps the way botbuilder's
 * own validateAndFixActivity does.
 */
export function checkActivity(body: unknown, maxTextChars: number): ActivityCheck {
  if (!isObject(body)) return { ok: false, error: 'the body must be a JSON object (an activity)' };
  const problem = shapeProblem(body, maxTextChars) ?? addressProblem(body) ?? teamsProblem(body) ?? invokeProblem(body);
  if (problem) return { ok: false, error: problem };
  // As botbuilder's validateAndFixActivity: keep the raw strings, expose Dates.
  const raw = body as Json & { [k: string]: unknown };
  for (const [field, rawField] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof raw[field] === 'string') {
      raw[rawField] = raw[field];
      raw[field] = new Date(raw[field] as string);
    }
  }
  return { ok: true, activity: body as unknown as Activity };
}
