// What createApp opens for STATE_STORE: the state store, the record of unanswered questions, and,
// when instances share Redis, everything else they must share (follow-up notes, rate limits, the
// web chat's conversations). Unset parts are kept in each process's memory.
import type { Storage } from 'botbuilder';
import type { ConversationLimits } from '../directline/conversations';
import type { ConversationRegistry } from '../directline/registry';
import type { QuestionLog } from '../learning/records';
import type { Limiter } from '../storage/limiter';
import type { Notes } from '../storage/notes';

export interface ConversationNotes {
  lastAnswers: Notes;
  offeredOptions: Notes;
  awaitingFeedback: Notes;
}

export interface Stores {
  storage: Storage;
  /** Shared notes when instances share a store; unset: each process's memory. */
  notes?: ConversationNotes;
  /** Shared rate limits when instances share a store; unset: each process counts its own. */
  limiter?: (limit: string, perMinute: number) => Limiter;
  /** The web chat's conversations when instances share a store; unset: each process's memory. */
  conversations?: (limits: ConversationLimits) => ConversationRegistry;
  /** Opens the question log; throws when it cannot be (a corrupt SQLite file). */
  questions: () => QuestionLog;
  close: () => Promise<void>;
}
