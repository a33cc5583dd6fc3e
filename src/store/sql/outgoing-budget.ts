/**
 * The app's budget of requests to the Bot Connector (Teams: 50 per second per app), shared by all
 * instances on one PostgreSQL: one row holds when the last `limit` requests were granted (a
 * sliding log), and a claim is one UPDATE that appends "now" only while the oldest of those is
 * outside the window. The row lock makes concurrent claims from several instances take turns, so
 * the window holds exactly, timed by the database's clock.
 */
import { type Kysely, sql } from 'kysely';
import type { OutgoingBudget } from '../types';
import type { Database } from './schema';

export function sqlOutgoingBudget(db: Kysely<Database>): OutgoingBudget {
  return {
    async claim(windowMs, limit) {
      // The database's clock, read once the row is locked: claims waiting for each other are timed
      // when they are granted, and instances' clocks do not matter.
      const { rows } = await sql<{ id: number }>`
        UPDATE outgoing_budget
        SET recent = (recent || (extract(epoch FROM clock_timestamp()) * 1000)::bigint)[greatest(1, cardinality(recent) + 2 - ${limit}::int):]
        WHERE id = 1 AND (cardinality(recent) < ${limit}::int
          OR recent[cardinality(recent) + 1 - ${limit}::int] <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint - ${windowMs}::int)
        RETURNING id`.execute(db);
      return rows.length > 0;
    },
  };
}
