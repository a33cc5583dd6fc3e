/**
 * Follow-up in SQLite. A delivery is a row; a scheduler claims due rows with one
 * UPDATE … RETURNING (atomic, so two processes never claim the same row) and a lease, and marks
 * them sent only while it still holds the claim. An expired lease can be claimed again.
 */
import type Database from 'better-sqlite3';
import type { Delivery, Enrolment, FollowupStore, Series, SeriesReport } from '../types';

const iso = (d: Date | undefined) => (d ? d.toISOString() : null);
const date = (s: unknown) => (typeof s === 'string' ? new Date(s) : undefined);

function toDelivery(r: Record<string, unknown>): Delivery {
  return {
    id: String(r.id),
    seriesId: String(r.series_id),
    enrolmentId: String(r.enrolment_id),
    userId: String(r.user_id),
    kind: r.kind as Delivery['kind'],
    microId: (r.micro_id as string | null) ?? undefined,
    dueAt: new Date(String(r.due_at)),
    status: r.status as Delivery['status'],
    attempts: Number(r.attempts),
    claimedBy: (r.claimed_by as string | null) ?? undefined,
    leaseUntil: date(r.lease_until),
    sentAt: date(r.sent_at),
    answeredAt: date(r.answered_at),
    choiceId: (r.choice_id as string | null) ?? undefined,
    score: r.score === null || r.score === undefined ? undefined : Number(r.score),
    failure: (r.failure as string | null) ?? undefined,
  };
}

function toEnrolment(r: Record<string, unknown>): Enrolment {
  return {
    id: String(r.id),
    seriesId: String(r.series_id),
    userId: String(r.user_id),
    memberId: String(r.member_id),
    botId: String(r.bot_id),
    tenantId: (r.tenant_id as string | null) ?? undefined,
    serviceUrl: String(r.service_url),
    timezone: String(r.timezone),
    status: r.status as Enrolment['status'],
    pausedUntil: date(r.paused_until),
    reason: (r.reason as string | null) ?? undefined,
    ref: r.ref ? JSON.parse(String(r.ref)) : undefined,
    createdAt: new Date(String(r.created_at)),
  };
}

function toSeries(r: Record<string, unknown>): Series {
  return {
    id: String(r.id),
    source: r.source as Series['source'],
    groupSessionId: (r.group_session_id as string | null) ?? undefined,
    conversationId: (r.conversation_id as string | null) ?? undefined,
    facilitatorId: (r.facilitator_id as string | null) ?? undefined,
    theme: (r.theme as string | null) ?? undefined,
    perspective: (r.perspective as Series['perspective'] | null) ?? undefined,
    cadence: JSON.parse(String(r.cadence)),
    createdAt: new Date(String(r.created_at)),
  };
}

export function sqliteFollowupStore(db: Database.Database): FollowupStore {
  const insertSeries = db.prepare(
    `INSERT INTO followup_series (id, source, group_session_id, conversation_id, facilitator_id, theme, perspective, cadence, created_at)
     VALUES (@id, @source, @groupSessionId, @conversationId, @facilitatorId, @theme, @perspective, @cadence, @createdAt)`,
  );
  const insertEnrolment = db.prepare(
    `INSERT INTO followup_enrolments (id, series_id, user_id, member_id, bot_id, tenant_id, service_url, timezone, status, paused_until, reason, ref, created_at)
     VALUES (@id, @seriesId, @userId, @memberId, @botId, @tenantId, @serviceUrl, @timezone, @status, @pausedUntil, @reason, @ref, @createdAt)`,
  );
  const insertDelivery = db.prepare(
    `INSERT INTO followup_deliveries (id, series_id, enrolment_id, user_id, kind, micro_id, due_at, status, attempts)
     VALUES (@id, @seriesId, @enrolmentId, @userId, @kind, @microId, @dueAt, 'planned', 0)`,
  );
  const claim = db.prepare(
    `UPDATE followup_deliveries SET status = 'claimed', claimed_by = @owner, lease_until = @lease
     WHERE id IN (
       SELECT id FROM followup_deliveries
       WHERE (status = 'planned' AND due_at <= @now) OR (status = 'claimed' AND lease_until < @now)
       ORDER BY due_at, id LIMIT @limit)
     RETURNING *`,
  );
  const sent = db.prepare(
    `UPDATE followup_deliveries SET status = 'sent', sent_at = @at, micro_id = COALESCE(@microId, micro_id), attempts = attempts + 1, lease_until = NULL
     WHERE id = @id AND status = 'claimed' AND claimed_by = @owner`,
  );
  const retry = db.prepare(
    `UPDATE followup_deliveries SET status = 'planned', due_at = @dueAt, attempts = attempts + @attempt, failure = @reason, claimed_by = NULL, lease_until = NULL
     WHERE id = @id AND status = 'claimed' AND claimed_by = @owner`,
  );
  const cancel = db.prepare(
    `UPDATE followup_deliveries SET status = 'cancelled', failure = @reason, lease_until = NULL
     WHERE id = @id AND status = 'claimed' AND claimed_by = @owner`,
  );
  const fail = db.prepare(
    `UPDATE followup_deliveries SET status = 'failed', failure = @reason, attempts = attempts + 1, lease_until = NULL
     WHERE id = @id AND status = 'claimed' AND claimed_by = @owner`,
  );
  const setStatus = db.prepare(`UPDATE followup_enrolments SET status = @status, reason = @reason, paused_until = @pausedUntil WHERE id = @id`);
  const cancelPlanned = db.prepare(
    `UPDATE followup_deliveries SET status = 'cancelled', failure = @reason WHERE enrolment_id = @id AND status IN ('planned', 'claimed')`,
  );
  const plannedOf = db.prepare<[string], { id: string; due_at: string }>(`SELECT id, due_at FROM followup_deliveries WHERE enrolment_id = ? AND status = 'planned'`);
  const setDue = db.prepare(`UPDATE followup_deliveries SET due_at = ? WHERE id = ? AND status = 'planned'`);
  const answer = db.prepare(
    `UPDATE followup_deliveries SET status = 'answered', choice_id = @choiceId, score = @score, answered_at = @at
     WHERE id = @id AND status = 'sent'`,
  );

  const create = db.transaction((series: Series, enrolments: Enrolment[], deliveries: Delivery[]) => {
    insertSeries.run({
      id: series.id, source: series.source, groupSessionId: series.groupSessionId ?? null, conversationId: series.conversationId ?? null,
      facilitatorId: series.facilitatorId ?? null, theme: series.theme ?? null, perspective: series.perspective ?? null, cadence: JSON.stringify(series.cadence), createdAt: series.createdAt.toISOString(),
    });
    for (const e of enrolments) {
      insertEnrolment.run({
        id: e.id, seriesId: e.seriesId, userId: e.userId, memberId: e.memberId, botId: e.botId, tenantId: e.tenantId ?? null, serviceUrl: e.serviceUrl,
        timezone: e.timezone, status: e.status, pausedUntil: iso(e.pausedUntil), reason: e.reason ?? null, ref: e.ref ? JSON.stringify(e.ref) : null,
        createdAt: e.createdAt.toISOString(),
      });
    }
    for (const d of deliveries) {
      insertDelivery.run({ id: d.id, seriesId: d.seriesId, enrolmentId: d.enrolmentId, userId: d.userId, kind: d.kind, microId: d.microId ?? null, dueAt: d.dueAt.toISOString() });
    }
  });
  const setStatuses = db.transaction((ids: string[], status: string, reason: string | null, pausedUntil: string | null) => {
    for (const id of ids) {
      setStatus.run({ id, status, reason, pausedUntil });
      if (status === 'stopped' || status === 'inactive') cancelPlanned.run({ id, reason });
    }
  });
  const shift = db.transaction((enrolmentId: string, move: (due: Date) => Date) => {
    const rows = plannedOf.all(enrolmentId);
    for (const row of rows) setDue.run(move(new Date(row.due_at)).toISOString(), row.id);
    return rows.length;
  });
  const count = (sql: string, id: string) => (db.prepare(sql).get(id) as { n: number }).n;

  return {
    async create(series, enrolments, deliveries) {
      create(series, enrolments, deliveries);
    },
    async claimDue(now, limit, owner, leaseMs) {
      return claim.all({ now: now.toISOString(), lease: new Date(now.getTime() + leaseMs).toISOString(), owner, limit }).map((r) => toDelivery(r as Record<string, unknown>));
    },
    async markSent(id, owner, at, microId) {
      return sent.run({ id, owner, at: at.toISOString(), microId: microId ?? null }).changes === 1;
    },
    async retryLater(id, owner, dueAt, reason, attempt) {
      retry.run({ id, owner, dueAt: dueAt.toISOString(), reason, attempt: attempt ? 1 : 0 });
    },
    async fail(id, owner, reason) {
      fail.run({ id, owner, reason });
    },
    async cancel(id, owner, reason) {
      cancel.run({ id, owner, reason });
    },
    async enrolment(id) {
      const row = db.prepare('SELECT * FROM followup_enrolments WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      return row && toEnrolment(row);
    },
    async enrolmentsOf(userId) {
      return (db.prepare('SELECT * FROM followup_enrolments WHERE user_id = ? ORDER BY created_at').all(userId) as Record<string, unknown>[]).map(toEnrolment);
    },
    async setStatus(ids, status, reason, pausedUntil) {
      setStatuses(ids, status, reason ?? null, iso(pausedUntil));
    },
    async shiftPlanned(enrolmentId, move) {
      return shift(enrolmentId, move);
    },
    async updateContact(userId, ref, timezone) {
      db.prepare(`UPDATE followup_enrolments SET ref = ?, timezone = COALESCE(?, timezone) WHERE user_id = ? AND status IN ('active', 'paused')`)
        .run(JSON.stringify(ref), timezone ?? null, userId);
    },
    async setRef(enrolmentId, ref) {
      db.prepare('UPDATE followup_enrolments SET ref = ? WHERE id = ?').run(JSON.stringify(ref), enrolmentId);
    },
    async delivery(id) {
      const row = db.prepare('SELECT * FROM followup_deliveries WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      return row && toDelivery(row);
    },
    async answer(id, choiceId, score, at) {
      return answer.run({ id, choiceId, score, at: at.toISOString() }).changes === 1;
    },
    async deliveriesOf(userId) {
      return (db.prepare('SELECT * FROM followup_deliveries WHERE user_id = ? ORDER BY due_at').all(userId) as Record<string, unknown>[]).map(toDelivery);
    },
    async series(id) {
      const row = db.prepare('SELECT * FROM followup_series WHERE id = ?').get(id) as Record<string, unknown> | undefined;
      return row && toSeries(row);
    },
    async latestSeries({ facilitatorId, conversationId }) {
      const row = (conversationId
        ? db.prepare('SELECT * FROM followup_series WHERE facilitator_id = ? AND conversation_id = ? ORDER BY created_at DESC LIMIT 1').get(facilitatorId, conversationId)
        : db.prepare('SELECT * FROM followup_series WHERE facilitator_id = ? ORDER BY created_at DESC LIMIT 1').get(facilitatorId)) as Record<string, unknown> | undefined;
      return row && toSeries(row);
    },
    async report(seriesId): Promise<SeriesReport> {
      const enrolments = (status: string) => count(`SELECT COUNT(*) AS n FROM followup_enrolments WHERE series_id = ? AND status = '${status}'`, seriesId);
      const micro = (status: string) => count(`SELECT COUNT(*) AS n FROM followup_deliveries WHERE series_id = ? AND kind = 'micro' AND status IN (${status})`, seriesId);
      const failures = db
        .prepare(`SELECT failure AS reason, COUNT(*) AS count FROM followup_deliveries WHERE series_id = ? AND status = 'failed' GROUP BY failure ORDER BY count DESC`)
        .all(seriesId) as { reason: string; count: number }[];
      return {
        enrolled: count('SELECT COUNT(*) AS n FROM followup_enrolments WHERE series_id = ?', seriesId),
        optedOut: enrolments('stopped'),
        inactive: enrolments('inactive'),
        delivered: micro("'sent', 'answered'"),
        answered: micro("'answered'"),
        failed: micro("'failed'"),
        planned: micro("'planned', 'claimed'"),
        failures,
      };
    },
    async answers(seriesId) {
      return (db.prepare(`SELECT * FROM followup_deliveries WHERE series_id = ? AND status = 'answered'`).all(seriesId) as Record<string, unknown>[]).map(toDelivery);
    },
  };
}

export const FOLLOWUP_MIGRATION = `
  ALTER TABLE group_votes ADD COLUMN member_id TEXT;
  CREATE TABLE followup_series (
    id               TEXT PRIMARY KEY,
    source           TEXT NOT NULL,
    group_session_id TEXT,
    conversation_id  TEXT,
    facilitator_id   TEXT,
    theme            TEXT,
    perspective      TEXT,
    cadence          TEXT NOT NULL,
    created_at       TEXT NOT NULL
  );
  CREATE TABLE followup_enrolments (
    id           TEXT PRIMARY KEY,
    series_id    TEXT NOT NULL REFERENCES followup_series (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    bot_id       TEXT NOT NULL,
    tenant_id    TEXT,
    service_url  TEXT NOT NULL,
    timezone     TEXT NOT NULL,
    status       TEXT NOT NULL,
    paused_until TEXT,
    reason       TEXT,
    ref          TEXT,
    created_at   TEXT NOT NULL
  );
  CREATE INDEX enrolments_by_user ON followup_enrolments (user_id);
  CREATE TABLE followup_deliveries (
    id           TEXT PRIMARY KEY,
    series_id    TEXT NOT NULL REFERENCES followup_series (id) ON DELETE CASCADE,
    enrolment_id TEXT NOT NULL REFERENCES followup_enrolments (id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    micro_id     TEXT,
    due_at       TEXT NOT NULL,
    status       TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    claimed_by   TEXT,
    lease_until  TEXT,
    sent_at      TEXT,
    answered_at  TEXT,
    choice_id    TEXT,
    score        INTEGER,
    failure      TEXT
  );
  CREATE INDEX deliveries_due ON followup_deliveries (status, due_at);
  CREATE INDEX deliveries_by_user ON followup_deliveries (user_id);
  CREATE INDEX deliveries_by_series ON followup_deliveries (series_id, status);
`;
