/**
 * Bot state (botbuilder's conversation and user state) with optimistic concurrency: a write that
 * names an eTag lands only while that eTag is current, checked by the database in the write
 * itself, so two instances cannot both win.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ConcurrencyError, type StateEntry, type StateStore } from '../types';
import type { Database } from './schema';

export function sqlStateStore(db: Kysely<Database>): StateStore {
  return {
    async read(keys) {
      const out: Record<string, StateEntry> = {};
      if (keys.length === 0) return out;
      const rows = await db.selectFrom('bot_state').select(['key', 'etag', 'value']).where('key', 'in', keys).execute();
      for (const row of rows) out[row.key] = { etag: row.etag, value: JSON.parse(row.value) };
      return out;
    },

    async write(changes) {
      const keys = Object.keys(changes).sort();
      const now = new Date().toISOString();
      // One statement checks and writes: an existing row changes only while it still has the
      // eTag this writer read, so of two writers with the same eTag exactly one wins.
      const writeOne = async (trx: Kysely<Database>, key: string): Promise<[string, string]> => {
        const change = changes[key]!;
        const etag = randomUUID();
        const expected = change.etag && change.etag !== '*' ? change.etag : undefined;
        const result = await trx
          .insertInto('bot_state')
          .values({ key, etag, value: JSON.stringify(change.value), updated_at: now })
          .onConflict((oc) => {
            const update = oc.column('key').doUpdateSet((eb) => ({
              etag: eb.ref('excluded.etag'),
              value: eb.ref('excluded.value'),
              updated_at: eb.ref('excluded.updated_at'),
            }));
            return expected ? update.where('bot_state.etag', '=', expected) : update;
          })
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw new ConcurrencyError(key);
        return [key, etag];
      };
      // A turn writes one key: its statement is atomic by itself, no transaction round trips.
      if (keys.length === 1) return Object.fromEntries([await writeOne(db, keys[0]!)]);
      // Several keys: all or none; sorted, so two writers of the same keys take them in the same order.
      return db.transaction().execute(async (trx) => {
        const etags: [string, string][] = [];
        for (const key of keys) etags.push(await writeOne(trx, key));
        return Object.fromEntries(etags);
      });
    },

    async delete(keys) {
      if (keys.length > 0) await db.deleteFrom('bot_state').where('key', 'in', keys).execute();
    },
  };
}
