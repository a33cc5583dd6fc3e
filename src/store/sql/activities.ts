/**
 * Every activity once: a re-delivered activity (Teams sends it again when a turn takes longer than
 * 15 s) finds its record and has no effect, on this instance or another. The record is a hash of
 * conversation and activity id (no ids are stored), kept RETENTION_MS; older ones are purged by
 * the claims themselves, at most once a minute, so the table stays small without a timer.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ActivityLog } from '../types';
import { iso, type Database } from './schema';

/** Teams re-delivers within seconds; a quarter of an hour leaves a wide margin. */
export const ACTIVITY_RETENTION_MS = 15 * 60_000;
const PURGE_EVERY_MS = 60_000;

const keyOf = (conversationId: string, activityId: string) =>
  createHash('sha256').update(conversationId).update('\n').update(activityId).digest('base64url').slice(0, 32);

export function sqlActivityLog(db: Kysely<Database>): ActivityLog {
  let purgedAt = 0;
  return {
    async claim(conversationId, activityId, at) {
      if (at.getTime() - purgedAt > PURGE_EVERY_MS) {
        purgedAt = at.getTime();
        await db.deleteFrom('handled_activities').where('handled_at', '<', iso(new Date(at.getTime() - ACTIVITY_RETENTION_MS))).execute();
      }
      const result = await db
        .insertInto('handled_activities')
        .values({ key: keyOf(conversationId, activityId), handled_at: iso(at) })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async release(conversationId, activityId) {
      await db.deleteFrom('handled_activities').where('key', '=', keyOf(conversationId, activityId)).execute();
    },
  };
}
