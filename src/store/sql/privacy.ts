/** Forgetting a participant and purging old records. */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { PrivacyStore } from '../types';
import type { Backend, Database } from './schema';

export function sqlPrivacyStore(db: Kysely<Database>, backend: Backend): PrivacyStore {
  return {
    async forget(userId, memberId) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('runs').where('user_id', '=', userId).execute();
        await trx.deleteFrom('participant_locales').where('user_id', '=', userId).execute();
        await trx.deleteFrom('followup_deliveries').where('user_id', '=', userId).execute();
        await trx.deleteFrom('followup_enrolments').where((eb) => eb.or([eb('user_id', '=', userId), eb('member_id', '=', memberId)])).execute();
        await trx.updateTable('followup_series').set({ facilitator_id: null }).where('facilitator_id', '=', userId).execute();
        // Votes stay as anonymous totals: each gets a random id that links to nobody.
        const votes = await trx.selectFrom('group_votes').select(['session_id', 'moment_id']).where('user_id', '=', userId).execute();
        for (const v of votes) {
          await trx
            .updateTable('group_votes')
            .set({ user_id: `anonymous-${randomUUID()}`, member_id: null })
            .where('session_id', '=', v.session_id)
            .where('moment_id', '=', v.moment_id)
            .where('user_id', '=', userId)
            .execute();
        }
        // Group sessions keep who steered them and who was a member: take this participant out.
        // LIKE narrows the rows (it may match more); the JSON decides.
        const sessions = await trx
          .selectFrom('group_sessions')
          .select(['id', 'data'])
          .where((eb) => eb.or([eb('data', 'like', `%${userId}%`), eb('data', 'like', `%${memberId}%`)]))
          .execute();
        for (const s of sessions) {
          const data = JSON.parse(s.data);
          if (data.facilitatorId === userId) data.facilitatorId = 'forgotten';
          data.memberIds = (data.memberIds ?? []).filter((id: string) => id !== memberId);
          await trx.updateTable('group_sessions').set({ data: JSON.stringify(data) }).where('id', '=', s.id).execute();
        }
      });
    },

    async purgeBefore(cutoff) {
      const before = cutoff.toISOString();
      return db.transaction().execute(async (trx) => {
        const removed = async (query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) => Number((await query.executeTakeFirst()).numDeletedRows);
        return {
          runs: await removed(trx.deleteFrom('runs').where('finished_at', '<', before)),
          followup_deliveries: await removed(
            trx.deleteFrom('followup_deliveries').where('due_at', '<', before).where('status', 'in', ['sent', 'answered', 'failed', 'cancelled']),
          ),
          followup_enrolments: await removed(
            trx
              .deleteFrom('followup_enrolments')
              .where('created_at', '<', before)
              .where((eb) => eb.not(eb.exists(eb.selectFrom('followup_deliveries as d').select('d.id').whereRef('d.enrolment_id', '=', 'followup_enrolments.id')))),
          ),
          followup_series: await removed(
            trx
              .deleteFrom('followup_series')
              .where('created_at', '<', before)
              .where((eb) => eb.not(eb.exists(eb.selectFrom('followup_enrolments as e').select('e.id').whereRef('e.series_id', '=', 'followup_series.id')))),
          ),
          group_sessions: await removed(trx.deleteFrom('group_sessions').where('status', '=', 'finished').where('updated_at', '<', before)),
          participant_locales: await removed(trx.deleteFrom('participant_locales').where('updated_at', '<', before)),
          bot_state: await removed(trx.deleteFrom('bot_state').where('updated_at', '<', before)),
        };
      });
    },

    async dump() {
      // On PostgreSQL only this store's schema (tests give every bot its own).
      const schema = backend === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s : undefined;
      const tables = (await db.introspection.getTables()).filter((t) => schema === undefined || t.schema === schema);
      const out: Record<string, string[]> = {};
      for (const { name } of tables) {
        const rows = await db.selectFrom(name as keyof Database).selectAll().execute();
        out[name] = rows.map((row) => JSON.stringify(row));
      }
      return out;
    },
  };
}
