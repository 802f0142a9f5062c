// A small map that forgets its least recently used entry when full (connector clients, the
// conversations' last answers and offered options), or its oldest (memos of analysed messages).

export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  /**
   * @param refreshOnGet false for a memo of pure results, which forgets its oldest entry instead:
   *   a read then costs one lookup, not a delete and an insert.
   */
  constructor(
    readonly capacity: number,
    private readonly refreshOnGet = true,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined && this.refreshOnGet) {
      // Refresh recency.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      this.map.delete(this.map.keys().next().value as string);
    }
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/** The key of a conversation across channels, for per-conversation caches. */
export function conversationKey(activity: { channelId?: string; conversation?: { id?: string } }): string {
  return `${activity.channelId}/${activity.conversation?.id}`;
}
