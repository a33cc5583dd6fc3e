/** Forgetting a participant and purging old records, in SQLite. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PrivacyStore } from '../types';

export function sqlitePrivacyStore(db: Database.Database): PrivacyStore {
  const forget = db.transaction((userId: string, memberId: string) => {
    db.prepare('DELETE FROM runs WHERE user_id = ?').run(userId);
    db.prepare('DELETE FROM followup_deliveries WHERE user_id = ?').run(userId);
    db.prepare('DELETE FROM followup_enrolments WHERE user_id = ? OR member_id = ?').run(userId, memberId);
    db.prepare('UPDATE followup_series SET facilitator_id = NULL WHERE facilitator_id = ?').run(userId);
    // Votes stay as anonymous totals: each gets a random id that links to nobody.
    const votes = db.prepare<[string], { session_id: string; moment_id: string }>('SELECT session_id, moment_id FROM group_votes WHERE user_id = ?').all(userId);
    const anonymise = db.prepare('UPDATE group_votes SET user_id = ?, member_id = NULL WHERE session_id = ? AND moment_id = ? AND user_id = ?');
    for (const v of votes) anonymise.run(`anonymous-${randomUUID()}`, v.session_id, v.moment_id, userId);
    // Group sessions keep who steered them and who was a member: take this participant out.
    const sessions = db.prepare<[string, string], { id: string; data: string }>('SELECT id, data FROM group_sessions WHERE instr(data, ?) > 0 OR instr(data, ?) > 0').all(userId, memberId);
    for (const s of sessions) {
      const data = JSON.parse(s.data);
      if (data.facilitatorId === userId) data.facilitatorId = 'forgotten';
      data.memberIds = (data.memberIds ?? []).filter((id: string) => id !== memberId);
      db.prepare('UPDATE group_sessions SET data = ? WHERE id = ?').run(JSON.stringify(data), s.id);
    }
  });

  const purge = db.transaction((cutoff: string) => ({
    runs: db.prepare('DELETE FROM runs WHERE finished_at < ?').run(cutoff).changes,
    followup_deliveries: db.prepare(`DELETE FROM followup_deliveries WHERE due_at < ? AND status IN ('sent', 'answered', 'failed', 'cancelled')`).run(cutoff).changes,
    followup_enrolments: db.prepare(
      `DELETE FROM followup_enrolments WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM followup_deliveries d WHERE d.enrolment_id = followup_enrolments.id)`,
    ).run(cutoff).changes,
    followup_series: db.prepare(
      `DELETE FROM followup_series WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM followup_enrolments e WHERE e.series_id = followup_series.id)`,
    ).run(cutoff).changes,
    group_sessions: db.prepare(`DELETE FROM group_sessions WHERE status = 'finished' AND updated_at < ?`).run(cutoff).changes,
    bot_state: db.prepare('DELETE FROM bot_state WHERE updated_at < ?').run(cutoff).changes,
  }));

  return {
    async forget(userId, memberId) {
      forget(userId, memberId);
    },
    async purgeBefore(cutoff) {
      return purge(cutoff.toISOString());
    },
    async dump() {
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
      return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all().map((row) => JSON.stringify(row))]));
    },
  };
}
