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

    async setLocale(userId, locale, at) {
      await db
        .insertInto('participant_locales')
        .values({ user_id: userId, locale, updated_at: iso(at) })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ locale, updated_at: iso(at) }))
        .execute();
    },
  };
}
