// Short follow-ups that lean on the previous answer: after the salary answer, "and for seniors?"
// or "what about in NYC?" mean the salary of seniors and in New York. Such a message is asked
// again with the previous answer's topic in front of it.
import type { KnowledgeBase } from '../knowledge/load';
import type { FlowText, PhraseList } from './text';

export class FollowUps {
  private readonly openers: PhraseList<true>;
  private readonly topicOf = new Map<string, string>();
  private readonly maxWords: number;

  constructor(
    private readonly text: FlowText,
    kb: KnowledgeBase,
  ) {
    const f = kb.flows.followUpContext;
    this.openers = text.phrases(f.openers.map((p) => [p, true] as const));
    this.maxWords = f.maxWords;
    for (const { topic, entries } of f.topics) for (const id of entries) this.topicOf.set(id, topic);
  }

  /** The topic that a follow-up to this entry's answer is about, if the entry has one. */
  topic(entryId: string | undefined): string | undefined {
    return entryId ? this.topicOf.get(entryId) : undefined;
  }

  /** Whether the message reads like a follow-up: short, and opening with "and", "what about"... */
  opensFollowUp(message: string): boolean {
    const words = this.text.words(message);
    if (!words.length || words.length > this.maxWords) return false;
    return this.openers.find(words)?.start === 0;
  }

  /** The message asked again in the context of the previous answer, or undefined when it is not a follow-up to it. */
  inContext(message: string, previousEntryId: string | undefined): string | undefined {
    const topic = this.topic(previousEntryId);
    if (!topic) return undefined;
    const words = this.text.words(message);
    if (!words.length || words.length > this.maxWords) return undefined;
    const opener = this.openers.find(words);
    // The rest in plain normalized words: the search does its own typo repair.
    const plain = this.text.plainWords(message);
    const rest = opener?.start === 0 ? plain.slice(opener.length) : plain;
    return rest.length ? `${topic} ${rest.join(' ')}` : undefined;
  }
}
