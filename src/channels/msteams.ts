// Teams' search-based message extension, for recruiters' quick answers: what the compose-box
// search lists. Each result is an answer card with a short preview; picking one inserts the card.
import type { MessagingExtensionQuery, MessagingExtensionResponse } from 'botbuilder';
import type { FaqApi } from '../faq/port';
import { quickAnswerCard } from '../render/cards';
import { SEARCH_PARAMETER } from '../teams/manifest';

/** Results a recruiter's search lists. */
const SEARCH_RESULTS = 8;

/**
 * @param mainTopics what an empty search lists (Teams runs it once when the search opens)
 * @param maxTextChars the longest query read
 */
export function quickAnswerResults(
  faq: FaqApi,
  query: MessagingExtensionQuery,
  mainTopics: readonly { id: string }[],
  maxTextChars: number,
): MessagingExtensionResponse {
  const text = (query.parameters ?? []).find((p) => p.name === SEARCH_PARAMETER)?.value;
  const q = typeof text === 'string' ? text.trim().slice(0, maxTextChars) : '';
  const results = q
    ? (faq.searchAnswers?.(q, SEARCH_RESULTS) ?? [])
    : mainTopics.map((t) => faq.entry?.(t.id)).filter((e): e is { id: string; title: string; text: string } => !!e);
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: results.map((r) => quickAnswerCard(r.title, r.text, faq.messages.quickAnswerSource)) as never,
    },
  };
}
