/** What is kept of a participant outside their runs: the locale of their latest activity. */
import type { Kysely } from 'kysely';
import type { ParticipantStore } from '../types';
import { type Database, iso } from './schema';

export function sqlParticipantStore(db: Kysely<Database>): ParticipantStore {
  return {
    async locale(userId) {
      const row = await db.selectFrom('participant_locales').select('locale').where('user_id', '=', userId).executeTakeFirst();
      return row?.locale;
    },

    async setLocales(entries, at) {
      if (entries.length === 0) return;
      await db
        .insertInto('participant_locales')
        .values(entries.map((e) => ({ user_id: e.userId, locale: e.locale, updated_at: iso(at) })))
        .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ locale: eb.ref('excluded.locale'), updated_at: eb.ref('excluded.updated_at') })))
        .execute();
    },
  };
}
