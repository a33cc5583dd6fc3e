/**
 * Follow-up series, enrolments and deliveries. A delivery is a row; a scheduler claims due rows
 * with one UPDATE … RETURNING and a lease, and marks them sent only while it still holds the
 * claim; an expired lease can be claimed again. On PostgreSQL the rows to claim are picked with
 * FOR UPDATE SKIP LOCKED, so schedulers on several instances never wait for each other nor claim
 * the same row; SQLite has one writer, which gives the same guarantee.
 */
import { Reason } from '../../followup/reasons';
import type { Kysely, Selectable } from 'kysely';
import type { Delivery, Enrolment, FollowupStore, Series, SeriesReport } from '../types';
import {
  type Backend,
  type Database,
  type FollowupDeliveriesTable,
  type FollowupEnrolmentsTable,
  type FollowupSeriesTable,
  iso,
  isoOrNull,
  toDate,
  toDateOrUndefined,
} from './schema';

const orUndefined = <T>(v: T | null) => v ?? undefined;

function toDelivery(r: Selectable<FollowupDeliveriesTable>): Delivery {
  return {
    id: r.id,
    seriesId: r.series_id,
    enrolmentId: r.enrolment_id,
    userId: r.user_id,
    kind: r.kind as Delivery['kind'],
    microId: orUndefined(r.micro_id),
    dueAt: toDate(r.due_at),
    status: r.status as Delivery['status'],
    attempts: Number(r.attempts),
    claimedBy: orUndefined(r.claimed_by),
    leaseUntil: toDateOrUndefined(r.lease_until),
    sentAt: toDateOrUndefined(r.sent_at),
    answeredAt: toDateOrUndefined(r.answered_at),
    choiceId: orUndefined(r.choice_id),
    score: r.score === null ? undefined : Number(r.score),
    failure: orUndefined(r.failure),
    seed: r.choice_seed === null ? undefined : Number(r.choice_seed),
    activityId: orUndefined(r.activity_id),
  };
}

function toEnrolment(r: Selectable<FollowupEnrolmentsTable>): Enrolment {
  return {
    id: r.id,
    seriesId: r.series_id,
    userId: r.user_id,
    memberId: r.member_id,
    botId: r.bot_id,
    tenantId: orUndefined(r.tenant_id),
    serviceUrl: r.service_url,
    timezone: r.timezone,
    status: r.status as Enrolment['status'],
    pausedUntil: toDateOrUndefined(r.paused_until),
    reason: orUndefined(r.reason),
    ref: r.ref ? JSON.parse(r.ref) : undefined,
    createdAt: toDate(r.created_at),
  };
}

function toSeries(r: Selectable<FollowupSeriesTable>): Series {
  return {
    id: r.id,
    source: r.source as Series['source'],
    groupSessionId: orUndefined(r.group_session_id),
    conversationId: orUndefined(r.conversation_id),
    facilitatorId: orUndefined(r.facilitator_id),
    theme: orUndefined(r.theme),
    perspective: orUndefined(r.perspective) as Series['perspective'],
    cadence: JSON.parse(r.cadence),
    createdAt: toDate(r.created_at),
  };
}

/** Rows are inserted a hundred at a time, well under both databases' limits on bound parameters. */
const ROWS_PER_INSERT = 100;

export function sqlFollowupStore(db: Kysely<Database>, backend: Backend): FollowupStore {
  // Every change to a claimed delivery is made only by the scheduler that still holds the claim.
  const claimed = (id: string, owner: string) =>
    db.updateTable('followup_deliveries').where('id', '=', id).where('status', '=', 'claimed').where('claimed_by', '=', owner);

  const countOf = async (query: Promise<{ n: string | number | bigint } | undefined>) => Number((await query)?.n ?? 0);

  return {
    async create(series, enrolments, deliveries) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('followup_series')
          .values({
            id: series.id,
            source: series.source,
            group_session_id: series.groupSessionId ?? null,
            conversation_id: series.conversationId ?? null,
            facilitator_id: series.facilitatorId ?? null,
            theme: series.theme ?? null,
            perspective: series.perspective ?? null,
            cadence: JSON.stringify(series.cadence),
            created_at: iso(series.createdAt),
          })
          .execute();
        for (let i = 0; i < enrolments.length; i += ROWS_PER_INSERT) {
          const slice = enrolments.slice(i, i + ROWS_PER_INSERT).map((e) => ({
            id: e.id,
            series_id: e.seriesId,
            user_id: e.userId,
            member_id: e.memberId,
            bot_id: e.botId,
            tenant_id: e.tenantId ?? null,
            service_url: e.serviceUrl,
            timezone: e.timezone,
            status: e.status,
            paused_until: isoOrNull(e.pausedUntil),
            reason: e.reason ?? null,
            ref: e.ref ? JSON.stringify(e.ref) : null,
            created_at: iso(e.createdAt),
          }));
          if (slice.length) await trx.insertInto('followup_enrolments').values(slice).execute();
        }
        for (let i = 0; i < deliveries.length; i += ROWS_PER_INSERT) {
          const slice = deliveries.slice(i, i + ROWS_PER_INSERT).map((d) => ({
            id: d.id,
            series_id: d.seriesId,
            enrolment_id: d.enrolmentId,
            user_id: d.userId,
            kind: d.kind,
            micro_id: d.microId ?? null,
            due_at: iso(d.dueAt),
            status: 'planned',
            attempts: 0,
          }));
          if (slice.length) await trx.insertInto('followup_deliveries').values(slice).execute();
        }
      });
    },

    async claimDue(now, limit, owner, leaseMs) {
      const at = iso(now);
      const rows = await db
        .updateTable('followup_deliveries')
        .set({ status: 'claimed', claimed_by: owner, lease_until: iso(new Date(now.getTime() + leaseMs)) })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('followup_deliveries')
            .select('id')
            .where((w) =>
              w.or([
                w.and([w('status', '=', 'planned'), w('due_at', '<=', at)]),
                w.and([w('status', '=', 'claimed'), w('lease_until', '<', at)]),
              ]),
            )
            .orderBy('due_at')
            .orderBy('id')
            .limit(limit)
            .$if(backend === 'postgres', (q) => q.forUpdate().skipLocked()),
        )
        .returningAll()
        .execute();
      // RETURNING does not promise an order.
      return rows.map(toDelivery).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id));
    },

    async markSent(id, owner, at, sent = {}) {
      const result = await claimed(id, owner)
        .set((eb) => ({
          status: 'sent',
          sent_at: iso(at),
          ...(sent.microId ? { micro_id: sent.microId } : {}),
          ...(sent.seed !== undefined ? { choice_seed: sent.seed } : {}),
          ...(sent.activityId ? { activity_id: sent.activityId } : {}),
          attempts: eb('attempts', '+', 1),
          lease_until: null,
        }))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async retryLater(id, owner, dueAt, reason, attempt) {
      await claimed(id, owner)
        .set((eb) => ({
          status: 'planned',
          due_at: iso(dueAt),
          attempts: eb('attempts', '+', attempt ? 1 : 0),
          failure: reason,
          claimed_by: null,
          lease_until: null,
        }))
        .execute();
    },

    async fail(id, owner, reason) {
      await claimed(id, owner)
        .set((eb) => ({ status: 'failed', failure: reason, attempts: eb('attempts', '+', 1), lease_until: null }))
        .execute();
    },

    async cancel(id, owner, reason) {
      await claimed(id, owner).set({ status: 'cancelled', failure: reason, lease_until: null }).execute();
    },

    async enrolment(id) {
      const row = await db.selectFrom('followup_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toEnrolment(row);
    },

    async enrolmentsOf(userId) {
      const rows = await db.selectFrom('followup_enrolments').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
      return rows.map(toEnrolment);
    },

    async setStatus(ids, status, reason, pausedUntil) {
      await db.transaction().execute(async (trx) => {
        for (const id of ids) {
          await trx
            .updateTable('followup_enrolments')
            .set({ status, reason: reason ?? null, paused_until: isoOrNull(pausedUntil) })
            .where('id', '=', id)
            .execute();
          if (status === 'stopped' || status === 'inactive') {
            await trx
              .updateTable('followup_deliveries')
              .set({ status: 'cancelled', failure: reason ?? null })
              .where('enrolment_id', '=', id)
              .where('status', 'in', ['planned', 'claimed'])
              .execute();
          }
        }
      });
    },

    async shiftPlanned(enrolmentId, move) {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('followup_deliveries')
          .select(['id', 'due_at'])
          .where('enrolment_id', '=', enrolmentId)
          .where('status', '=', 'planned')
          .$if(backend === 'postgres', (q) => q.forUpdate())
          .execute();
        for (const row of rows) {
          await trx
            .updateTable('followup_deliveries')
            .set({ due_at: iso(move(toDate(row.due_at))) })
            .where('id', '=', row.id)
            .where('status', '=', 'planned')
            .execute();
        }
        return rows.length;
      });
    },

    async updateContact(userId, ref, timezone) {
      await db
        .updateTable('followup_enrolments')
        .set({ ref: JSON.stringify(ref), ...(timezone ? { timezone } : {}) })
        .where('user_id', '=', userId)
        .where('status', 'in', ['active', 'paused'])
        .execute();
    },

    async setRef(enrolmentId, ref) {
      await db.updateTable('followup_enrolments').set({ ref: JSON.stringify(ref) }).where('id', '=', enrolmentId).execute();
    },

    async delivery(id) {
      const row = await db.selectFrom('followup_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toDelivery(row);
    },

    async answer(id, choiceId, score, at) {
      const result = await db
        .updateTable('followup_deliveries')
        .set({ status: 'answered', choice_id: choiceId, score, answered_at: iso(at) })
        .where('id', '=', id)
        .where('status', '=', 'sent')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async deliveriesOf(userId) {
      const rows = await db.selectFrom('followup_deliveries').selectAll().where('user_id', '=', userId).orderBy('due_at').execute();
      return rows.map(toDelivery);
    },

    async series(id) {
      const row = await db.selectFrom('followup_series').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toSeries(row);
    },

    async latestSeries({ facilitatorId, conversationId, groupSessionId }) {
      const row = await db
        .selectFrom('followup_series')
        .selectAll()
        .where('facilitator_id', '=', facilitatorId)
        .$if(conversationId !== undefined, (q) => q.where('conversation_id', '=', conversationId!))
        .$if(groupSessionId !== undefined, (q) => q.where('group_session_id', '=', groupSessionId!))
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toSeries(row);
    },

    async report(seriesId): Promise<SeriesReport> {
      const enrolments = (status?: string, removed?: boolean) =>
        countOf(
          db
            .selectFrom('followup_enrolments')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('series_id', '=', seriesId)
            .$if(status !== undefined, (q) => q.where('status', '=', status!))
            .$if(removed === true, (q) => q.where('reason', '=', Reason.appRemoved))
            .$if(removed === false, (q) => q.where((eb) => eb.or([eb('reason', 'is', null), eb('reason', '!=', Reason.appRemoved)])))
            .executeTakeFirst(),
        );
      const micro = (statuses: string[]) =>
        countOf(
          db
            .selectFrom('followup_deliveries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('series_id', '=', seriesId)
            .where('kind', '=', 'micro')
            .where('status', 'in', statuses)
            .executeTakeFirst(),
        );
      const failures = await db
        .selectFrom('followup_deliveries')
        .select((eb) => ['failure', eb.fn.countAll().as('count')])
        .where('series_id', '=', seriesId)
        .where('status', '=', 'failed')
        .groupBy('failure')
        .orderBy('count', 'desc')
        .execute();
      return {
        enrolled: await enrolments(),
        optedOut: await enrolments('stopped'),
        removed: await enrolments('inactive', true),
        inactive: await enrolments('inactive', false),
        delivered: await micro(['sent', 'answered']),
        answered: await micro(['answered']),
        failed: await micro(['failed']),
        planned: await micro(['planned', 'claimed']),
        failures: failures.map((f) => ({ reason: f.failure ?? '', count: Number(f.count) })),
      };
    },

    async delivered(seriesId) {
      // The same statuses as the report's `delivered` count, so the weeks add up to it.
      const rows = await db.selectFrom('followup_deliveries').selectAll().where('series_id', '=', seriesId).where('kind', '=', 'micro').where('status', 'in', ['sent', 'answered']).execute();
      return rows.map(toDelivery);
    },

    async answers(seriesId) {
      const rows = await db.selectFrom('followup_deliveries').selectAll().where('series_id', '=', seriesId).where('status', '=', 'answered').execute();
      return rows.map(toDelivery);
    },

    async microDeliveries(seriesId) {
      const rows = await db.selectFrom('followup_deliveries').selectAll().where('series_id', '=', seriesId).where('kind', '=', 'micro').orderBy('due_at').execute();
      return rows.map(toDelivery);
    },
  };
}
