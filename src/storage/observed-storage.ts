// A state store that reports its failures (to the metrics' state_store_errors_total) and
// otherwise behaves exactly as the store it wraps: errors still reach the caller.
import type { Storage, StoreItems } from './file-storage';
import { isConflict } from './memory-fallback-storage';

export type StoreOperation = 'read' | 'write' | 'delete';

export class ObservedStorage implements Storage {
  constructor(
    private readonly store: Storage,
    /** Called for each failed operation; a stale eTag is the caller's conflict, not a failure. */
    private readonly onError: (operation: StoreOperation) => void,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.observe('read', () => this.store.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.observe('write', () => this.store.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.observe('delete', () => this.store.delete(keys));
  }

  private async observe<T>(operation: StoreOperation, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!isConflict(error)) this.onError(operation);
      throw error;
    }
  }
}
