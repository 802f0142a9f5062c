// The port through which the bot, the dialogs and the server ask the FAQ core. FaqService
// implements it; depending on this rather than on the bot keeps the dialogs free of src/bots/.
import type { MessagesData } from '../knowledge/schema';
import type { Decision, EntryLink } from './decision';

export interface FaqApi {
  ask(text: string): Decision;
  /** The answers a search box lists (the Teams message extension); see FaqService.searchAnswers. */
  searchAnswers?(text: string, limit?: number): { id: string; title: string; text: string; score: number }[];
  entry?(id: string): { id: string; title: string; text: string };
  /** The confidence needed to answer, reported in traces of turns that do not ask. */
  readonly threshold: number;
  readonly messages: MessagesData;
  link(id: string): EntryLink;
}
