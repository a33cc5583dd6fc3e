/** botbuilder's Storage interface over our StateStore, keeping eTag optimistic concurrency. */
import type { Storage, StoreItems } from 'botbuilder';
import type { StateStore } from '../store/types';

export class StateStoreStorage implements Storage {
  constructor(private readonly store: StateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const entries = await this.store.read(keys);
    const items: StoreItems = {};
    for (const [key, entry] of Object.entries(entries)) items[key] = { ...entry.value, eTag: entry.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const writes: Record<string, { value: Record<string, unknown>; etag?: string }> = {};
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...value } = item as Record<string, unknown>;
      writes[key] = { value, etag: typeof eTag === 'string' ? eTag : undefined };
    }
    const etags = await this.store.write(writes);
    // BotState keeps the written object as its cache: give it the new eTag so that a second
    // save in the same turn is not mistaken for a conflicting writer.
    for (const [key, etag] of Object.entries(etags)) (changes[key] as { eTag?: string }).eTag = etag;
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys);
  }
}
