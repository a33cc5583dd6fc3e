/**
 * Group exercises in SQLite. A vote is one row per participant per moment, written by a single
 * conditional upsert: it lands only while its moment is current and unrevealed, a second click
 * replaces the first, and nothing is read-modified-written, so a burst of clicks needs no retry.
 * Facilitator transitions use a version column (optimistic concurrency).
 */
import type Database from 'better-sqlite3';
import type { GroupSession, GroupStore, Vote } from '../types';

type Row = { data: string; version: number; status: string; current_moment: string | null; revealed: number; updated_at: string };

export function sqliteGroupStore(db: Database.Database): GroupStore {
  const insert = db.prepare(
    `INSERT INTO group_sessions (id, conversation_id, status, current_moment, revealed, version, started_at, updated_at, data)
     VALUES (@id, @conversationId, @status, @momentId, @revealed, @version, @startedAt, @updatedAt, @data)`,
  );
  const byId = db.prepare<[string], Row>('SELECT * FROM group_sessions WHERE id = ?');
  const runningIn = db.prepare<[string], Row>("SELECT * FROM group_sessions WHERE conversation_id = ? AND status = 'running'");
  const upsertVote = db.prepare(
    `INSERT INTO group_votes (session_id, moment_id, user_id, choice_id, voted_at, member_id)
     SELECT @sessionId, @momentId, @userId, @choiceId, @at, @memberId
     WHERE EXISTS (SELECT 1 FROM group_sessions WHERE id = @sessionId AND status = 'running' AND current_moment = @momentId AND revealed = 0)
     ON CONFLICT (session_id, moment_id, user_id) DO UPDATE SET choice_id = excluded.choice_id, voted_at = excluded.voted_at`,
  );
  const allVotes = db.prepare<[string], Record<string, string>>('SELECT moment_id, user_id, choice_id, member_id FROM group_votes WHERE session_id = ? ORDER BY voted_at, user_id');
  const momentVotes = db.prepare<[string, string], Record<string, string>>('SELECT moment_id, user_id, choice_id, member_id FROM group_votes WHERE session_id = ? AND moment_id = ? ORDER BY voted_at, user_id');
  const countVotes = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM group_votes WHERE session_id = ? AND moment_id = ?');
  const update = db.prepare(
    `UPDATE group_sessions SET status = @status, current_moment = @momentId, revealed = @revealed, version = version + 1,
       updated_at = @updatedAt, data = @data WHERE id = @id AND version = @version`,
  );
  const idle = db.prepare<[string, string], Row>(
    `SELECT s.* FROM group_sessions s WHERE s.status = 'running' AND s.updated_at < ?
       AND NOT EXISTS (SELECT 1 FROM group_votes v WHERE v.session_id = s.id AND v.voted_at >= ?)`,
  );

  // What the queries filter on lives in columns; the rest of the session in one JSON column.
  const columns = (s: GroupSession) => {
    const { status, momentId, revealed, version, updatedAt, startedAt, ...rest } = s;
    return {
      id: s.id,
      conversationId: s.conversationId,
      status,
      momentId,
      revealed: revealed ? 1 : 0,
      version,
      startedAt: startedAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
      data: JSON.stringify({ ...rest, startedAt: startedAt.toISOString() }),
    };
  };
  const read = (row: Row | undefined): GroupSession | undefined => {
    if (!row) return undefined;
    const data = JSON.parse(row.data);
    return {
      ...data,
      status: row.status,
      momentId: row.current_moment,
      revealed: row.revealed === 1,
      version: row.version,
      startedAt: new Date(data.startedAt),
      updatedAt: new Date(row.updated_at),
    };
  };
  const toVote = (r: Record<string, string>): Vote => ({ momentId: r.moment_id!, userId: r.user_id!, choiceId: r.choice_id!, memberId: r.member_id ?? undefined });

  const create = db.transaction((session: GroupSession) => {
    const running = read(runningIn.get(session.conversationId));
    if (running) return { created: false as const, running };
    insert.run(columns(session));
    return { created: true as const };
  });

  return {
    async create(session) {
      return create(session);
    },
    async get(id) {
      return read(byId.get(id));
    },
    async running(conversationId) {
      return read(runningIn.get(conversationId));
    },
    async vote(sessionId, vote, at) {
      const result = upsertVote.run({ sessionId, ...vote, memberId: vote.memberId ?? null, at: at.toISOString() });
      return result.changes > 0 ? 'recorded' : 'closed';
    },
    async votes(sessionId, momentId) {
      return (momentId ? momentVotes.all(sessionId, momentId) : allVotes.all(sessionId)).map(toVote);
    },
    async count(sessionId, momentId) {
      return countVotes.get(sessionId, momentId)!.n;
    },
    async update(session) {
      return update.run(columns(session)).changes === 1;
    },
    async idleSince(before) {
      const iso = before.toISOString();
      return idle.all(iso, iso).map((r) => read(r)!);
    },
  };
}
