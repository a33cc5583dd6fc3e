/** Finished exercises and their profiles. */
import type { Kysely } from 'kysely';
import type { FinishedRun, RunStore } from '../types';
import { type Database, iso, toDate } from './schema';

export function sqlRunStore(db: Kysely<Database>): RunStore {
  return {
    async saveFinished(run: FinishedRun) {
      await db
        .insertInto('runs')
        .values({
          id: run.id,
          mode: run.mode,
          user_id: run.userId,
          exercise_id: run.exerciseId,
          perspective: run.perspective,
          finished_at: iso(run.finishedAt),
          answers: JSON.stringify(run.answers),
          profile: JSON.stringify(run.profile),
          partial: run.partial ? 1 : 0,
          choice_seed: run.seed ?? null,
        })
        // A repeated save of the same run (a retried turn) changes nothing.
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    async listByUser(userId, limit) {
      const rows = await db.selectFrom('runs').selectAll().where('user_id', '=', userId).orderBy('finished_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map((row) => ({
        id: row.id,
        mode: row.mode as FinishedRun['mode'],
        userId: row.user_id,
        exerciseId: row.exercise_id,
        perspective: row.perspective as FinishedRun['perspective'],
        finishedAt: toDate(row.finished_at),
        answers: JSON.parse(row.answers),
        profile: JSON.parse(row.profile),
        ...(Number(row.partial) === 1 ? { partial: true } : {}),
        ...(row.choice_seed === null ? {} : { seed: Number(row.choice_seed) }),
      }));
    },
  };
}
