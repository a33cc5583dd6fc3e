/**
 * Group exercises and their votes. A vote is one row per participant per moment, written by a
 * single conditional upsert: it lands only while its moment is current and unrevealed, a second
 * click replaces the first, and nothing is read-modified-written, so a burst needs no retry.
 * On PostgreSQL the vote takes a share lock on the session row, so a reveal (which updates that
 * row) waits for the votes in flight and no vote lands after it, whichever instance took it.
 * Facilitator transitions use a version column (optimistic concurrency).
 */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { GroupSession, GroupStore, Vote } from '../types';
import { type Backend, type Database, type GroupSessionsTable, iso, toDate } from './schema';

type Row = Selectable<GroupSessionsTable>;

// What the queries filter on lives in columns; the rest of the session in one JSON column.
function columns(s: GroupSession) {
  const { status, momentId, revealed, version, updatedAt, startedAt, ...rest } = s;
  return {
    id: s.id,
    conversation_id: s.conversationId,
    status,
    current_moment: momentId,
    revealed: revealed ? 1 : 0,
    version,
    started_at: iso(startedAt),
    updated_at: iso(updatedAt),
    data: JSON.stringify({ ...rest, startedAt: iso(startedAt) }),
  };
}

function read(row: Row | undefined): GroupSession | undefined {
  if (!row) return undefined;
  const data = JSON.parse(row.data);
  return {
    ...data,
    status: row.status,
    momentId: row.current_moment,
    revealed: Number(row.revealed) === 1,
    version: Number(row.version),
    startedAt: new Date(data.startedAt),
    updatedAt: toDate(row.updated_at),
  };
}

const toVote = (r: { moment_id: string; user_id: string; choice_id: string; member_id: string | null }): Vote => ({
  momentId: r.moment_id,
  userId: r.user_id,
  choiceId: r.choice_id,
  memberId: r.member_id ?? undefined,
});

export function sqlGroupStore(db: Kysely<Database>, backend: Backend): GroupStore {
  const running = async (conversationId: string) =>
    read(await db.selectFrom('group_sessions').selectAll().where('conversation_id', '=', conversationId).where('status', '=', 'running').executeTakeFirst());

  return {
    async create(session) {
      // The partial unique index decides between two starts in one channel, on any instance.
      for (let attempt = 0; attempt < 3; attempt++) {
        const result = await db
          .insertInto('group_sessions')
          .values(columns(session))
          .onConflict((oc) => oc.column('conversation_id').where('status', '=', sql.lit('running')).doNothing())
          .executeTakeFirst();
        if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) return { created: true as const };
        const current = await running(session.conversationId);
        if (current) return { created: false as const, running: current };
        // The running one finished between the two statements: try again.
      }
      throw new Error(`could not start a group exercise in ${session.conversationId}: the channel keeps changing`);
    },

    async get(id) {
      return read(await db.selectFrom('group_sessions').selectAll().where('id', '=', id).executeTakeFirst());
    },

    running,

    async vote(sessionId, vote, at) {
      const result = await db
        .insertInto('group_votes')
        .columns(['session_id', 'moment_id', 'user_id', 'choice_id', 'voted_at', 'member_id'])
        .expression((eb) =>
          eb
            .selectFrom('group_sessions')
            .select(['id', 'current_moment'])
            .select([
              sql<string>`${vote.userId}`.as('user_id'),
              sql<string>`${vote.choiceId}`.as('choice_id'),
              sql<string>`${iso(at)}`.as('voted_at'),
              sql<string | null>`${vote.memberId ?? null}`.as('member_id'),
            ])
            .where('id', '=', sessionId)
            .where('status', '=', 'running')
            .where('current_moment', '=', vote.momentId)
            .where('revealed', '=', 0)
            .$if(backend === 'postgres', (q) => q.forShare()),
        )
        .onConflict((oc) =>
          oc.columns(['session_id', 'moment_id', 'user_id']).doUpdateSet((eb) => ({ choice_id: eb.ref('excluded.choice_id'), voted_at: eb.ref('excluded.voted_at') })),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 'recorded' : 'closed';
    },

    async votes(sessionId, momentId) {
      const rows = await db
        .selectFrom('group_votes')
        .select(['moment_id', 'user_id', 'choice_id', 'member_id'])
        .where('session_id', '=', sessionId)
        .$if(momentId !== undefined, (q) => q.where('moment_id', '=', momentId!))
        .orderBy('voted_at')
        .orderBy('user_id')
        .execute();
      return rows.map(toVote);
    },

    async count(sessionId, momentId) {
      const row = await db
        .selectFrom('group_votes')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('session_id', '=', sessionId)
        .where('moment_id', '=', momentId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async update(session) {
      const { id, conversation_id: _conversation, started_at: _started, version, ...changes } = columns(session);
      const result = await db
        .updateTable('group_sessions')
        .set({ ...changes, version: version + 1 })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async runningInTeam(teamId) {
      // The team lives in the JSON column: LIKE narrows the rows (it may match more), the JSON decides.
      const rows = await db.selectFrom('group_sessions').selectAll().where('status', '=', 'running').where('data', 'like', `%${teamId}%`).execute();
      return rows.map((r) => read(r)!).filter((s) => s.teamId === teamId);
    },

    async idleSince(before) {
      const cutoff = iso(before);
      const rows = await db
        .selectFrom('group_sessions as s')
        .selectAll('s')
        .where('s.status', '=', 'running')
        .where('s.updated_at', '<', cutoff)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('group_votes as v').select('v.session_id').whereRef('v.session_id', '=', 's.id').where('v.voted_at', '>=', cutoff))))
        .execute();
      return rows.map((r) => read(r)!);
    },
  };
}
