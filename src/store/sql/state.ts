/**
 * Bot state (botbuilder's conversation and user state) with optimistic concurrency: a write that
 * names an eTag lands only while that eTag is current. The check and the write share one
 * transaction, and on PostgreSQL the row is locked for it, so two instances cannot both win.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ConcurrencyError, type StateEntry, type StateStore } from '../types';
import type { Backend, Database } from './schema';

export function sqlStateStore(db: Kysely<Database>, backend: Backend): StateStore {
  return {
    async read(keys) {
      const out: Record<string, StateEntry> = {};
      if (keys.length === 0) return out;
      const rows = await db.selectFrom('bot_state').select(['key', 'etag', 'value']).where('key', 'in', keys).execute();
      for (const row of rows) out[row.key] = { etag: row.etag, value: JSON.parse(row.value) };
      return out;
    },

    async write(changes) {
      // Sorted, so two writers of the same keys lock them in the same order (no deadlock).
      const keys = Object.keys(changes).sort();
      return db.transaction().execute(async (trx) => {
        const etags: Record<string, string> = {};
        const now = new Date().toISOString();
        for (const key of keys) {
          const change = changes[key]!;
          if (change.etag && change.etag !== '*') {
            const current = await trx
              .selectFrom('bot_state')
              .select('etag')
              .where('key', '=', key)
              .$if(backend === 'postgres', (q) => q.forUpdate())
              .executeTakeFirst();
            if (current && current.etag !== change.etag) throw new ConcurrencyError(key);
          }
          const etag = randomUUID();
          await trx
            .insertInto('bot_state')
            .values({ key, etag, value: JSON.stringify(change.value), updated_at: now })
            .onConflict((oc) =>
              oc.column('key').doUpdateSet((eb) => ({ etag: eb.ref('excluded.etag'), value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at') })),
            )
            .execute();
          etags[key] = etag;
        }
        return etags;
      });
    },

    async delete(keys) {
      if (keys.length > 0) await db.deleteFrom('bot_state').where('key', 'in', keys).execute();
    },
  };
}
