/**
 * The app's budget of requests to the Bot Connector (Teams: 50 per second per app), shared by all
 * instances on one PostgreSQL. One counter per tenth of a second in a ring of SLOTS rows (bounded
 * size, no clean-up); a claim is one statement that counts the last `windowBuckets` buckets and
 * takes one request only while they hold fewer than the limit. Claims that race may overshoot by
 * the number of claims in flight at that instant; a 429 that follows is retried as usual.
 */
import { type Kysely, sql } from 'kysely';
import type { OutgoingBudget } from '../types';
import type { Database } from './schema';

/** One minute of tenths of a second. */
const SLOTS = 600;

export function sqlOutgoingBudget(db: Kysely<Database>): OutgoingBudget {
  return {
    async claim(bucket, windowBuckets, limit) {
      const { rows } = await sql<{ used: number }>`
        INSERT INTO outgoing_budget (slot, bucket, used)
        SELECT ${bucket % SLOTS}, ${bucket}, 1
        WHERE (SELECT COALESCE(SUM(used), 0) FROM outgoing_budget WHERE bucket > ${bucket - windowBuckets} AND bucket <= ${bucket}) < ${limit}
        ON CONFLICT (slot) DO UPDATE SET
          bucket = EXCLUDED.bucket,
          used = CASE WHEN outgoing_budget.bucket = EXCLUDED.bucket THEN outgoing_budget.used + 1 ELSE 1 END
        WHERE outgoing_budget.bucket <= EXCLUDED.bucket
        RETURNING used`.execute(db);
      return rows.length > 0;
    },
  };
}
