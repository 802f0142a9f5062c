// The conversations of one instance, in its memory (the default): the bounded ConversationStore
// behind the async registry interface. Tokens are signed with a random key per process unless
// DIRECT_LINE_TOKEN_KEY is set, since no other instance needs to read them.
import type { Now } from '../lib/rate-limit';
import { ConversationStore, type Conversation, type ConversationLimits } from './conversations';
import { activitySet, type ActivitySet, type ConversationRef, type ConversationRegistry, type Eviction, type Listener } from './registry';

export class MemoryRegistry implements ConversationRegistry {
  readonly store: ConversationStore;

  constructor(
    limits: ConversationLimits,
    private readonly now: Now = Date.now,
  ) {
    this.store = new ConversationStore(limits, now);
  }

  async create(address: string): Promise<{ conversation: ConversationRef; closed?: Eviction }> {
    return this.store.create(address);
  }

  async get(id: string): Promise<ConversationRef | undefined> {
    return this.store.get(id);
  }

  async touch(ref: ConversationRef): Promise<void> {
    const conversation = this.find(ref);
    if (conversation) this.store.touch(conversation);
  }

  async markStarted(ref: ConversationRef): Promise<boolean> {
    const conversation = this.find(ref);
    if (!conversation || conversation.started) return false;
    conversation.started = true;
    return true;
  }

  async add<T extends object>(ref: ConversationRef, make: (id: string) => T): Promise<T> {
    // A conversation closed while its turn ran: the reply goes nowhere, as its client is gone.
    const conversation = this.find(ref);
    return conversation ? conversation.add(make) : make(`${ref.id}|closed`);
  }

  async since(ref: ConversationRef, watermark: number | undefined): Promise<ActivitySet> {
    const conversation = this.find(ref);
    if (!conversation) return { json: activitySet([], 0), count: 0, watermark: 0 };
    return conversation.since(watermark);
  }

  async listen(conversationId: string, listener: Listener): Promise<() => void> {
    const conversation = this.store.get(conversationId);
    if (!conversation) {
      listener.close();
      return () => undefined;
    }
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
  }

  async takePost(ref: ConversationRef): Promise<number> {
    return this.find(ref)?.posts.take(this.now()) ?? 0;
  }

  async takeGrant(ref: ConversationRef): Promise<number> {
    return this.find(ref)?.grants.take(this.now()) ?? 0;
  }

  async sharedTokenKey(_proposed: string): Promise<string | undefined> {
    return undefined;
  }

  async claimTicket(_ticket: string, _expiresAt: number): Promise<boolean> {
    return true; // one instance: its token issuer has checked it already
  }

  exclusive<T>(_conversationId: string, work: () => Promise<T>): Promise<T> {
    return work(); // one instance: the endpoint's queue is enough
  }

  async sweep(): Promise<number> {
    return this.store.sweep();
  }

  async open(): Promise<number> {
    return this.store.size;
  }

  async close(): Promise<void> {
    this.store.clear();
  }

  /** The live conversation behind `ref` (a ref this registry handed out). */
  private find(ref: ConversationRef): Conversation | undefined {
    return this.store.get(ref.id);
  }
}
