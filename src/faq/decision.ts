// What the FAQ service decides for one message. Channel-neutral: the bot, /api/ask, the terminal
// chat and the eval all render or inspect this same value.

/** "dialog": a guided flow took the message (src/bots/faq-bot.ts, never FaqService). */
export type DecisionKind = 'answer' | 'clarify' | 'fallback' | 'smalltalk' | 'dialog';

export interface ScoredEntry {
  id: string;
  title: string;
  /** Calibrated confidence in [0, 1]. */
  score: number;
}

export interface EntryLink {
  id: string;
  title: string;
}

export interface Answer {
  id: string;
  title: string;
  text: string;
  followUps: EntryLink[];
}

export interface Decision {
  query: string;
  kind: DecisionKind;
  /** Confidence of the best candidate, in [0, 1]. */
  score: number;
  /** Confidence at or above which the best candidate is answered outright. */
  threshold: number;
  /** Best candidates, best first (at most five). */
  top: ScoredEntry[];
  /** Set when kind is "answer". */
  answer?: Answer;
  /** Set when kind is "clarify": the close candidates offered as "Did you mean ...?". */
  choices?: ScoredEntry[];
  /** Set when kind is "smalltalk" or "fallback": what the bot says. */
  reply?: string;
  /** Set when kind is "fallback": the main topics offered as buttons. */
  topics?: EntryLink[];
}

/** One decision as it reached a person: what was decided and on which channel ("api" for /api/ask). */
export interface DecisionEvent {
  decision: Decision;
  channel: string;
  /** Whether the decision is the knowledge base's reading of what the person wrote (not the
   * bot's set reply to an empty or too long message, or to "none of these"). */
  fromQuestion: boolean;
  /** The person's id on the channel, when there is one. */
  userId?: string;
}

/** Told of every decision that is sent (metrics, the record of unanswered questions). It must not throw. */
export type DecisionListener = (event: DecisionEvent) => void;
