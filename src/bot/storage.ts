/**
 * botbuilder's Storage interface over our StateStore, with real eTag optimistic concurrency.
 * botbuilder's BotState.saveChanges overwrites the item's eTag with '*' (last writer wins), so
 * the eTag as read is also kept under a symbol (which botbuilder neither hashes nor stores) and
 * checked on write: of two instances that ran a turn of one conversation at once, only the first
 * one's state is stored; the other gets a ConcurrencyError.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { StateStore } from '../store/types';

const READ_ETAG = Symbol('eTag as read');

type Item = Record<string, unknown> & { eTag?: unknown; [READ_ETAG]?: string };

export class StateStoreStorage implements Storage {
  constructor(private readonly store: StateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const entries = await this.store.read(keys);
    const items: StoreItems = {};
    for (const [key, entry] of Object.entries(entries)) items[key] = { ...entry.value, eTag: entry.etag, [READ_ETAG]: entry.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const writes: Record<string, { value: Record<string, unknown>; etag?: string }> = {};
    for (const [key, item] of Object.entries(changes) as [string, Item][]) {
      const { eTag, ...value } = item;
      const etag = item[READ_ETAG] ?? (typeof eTag === 'string' ? eTag : undefined);
      writes[key] = { value, etag };
    }
    const etags = await this.store.write(writes);
    // BotState keeps the written object as its cache: give it the new eTag so that a second
    // save in the same turn is not mistaken for a conflicting writer.
    for (const [key, etag] of Object.entries(etags)) Object.assign(changes[key] as Item, { eTag: etag, [READ_ETAG]: etag });
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.delete(keys);
  }
}
