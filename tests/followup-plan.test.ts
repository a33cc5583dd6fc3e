import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { deliveryDays, nextWorkingMoment, pickMicro, planDeliveries, type WorkingHours } from '../src/engine';

const hours = { start: '09:00', end: '17:00' };
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('follow-up planning', () => {
  it('plans twice a week for three weeks on working days at the chosen time, in the participant\'s time zone', () => {
    // Friday evening in Amsterdam: the series starts the next week.
    const from = new Date('2026-11-27T19:00:00Z');
    const plan = planDeliveries(from, 'Europe/Amsterdam', { count: 6, perWeek: 2, timeOfDay: '08:30' }, hours);
    assert.deepEqual(plan.map((d) => local(d, 'Europe/Amsterdam')), [
      'Tue 2026-12-01 09:00', 'Thu 2026-12-03 09:00',
      'Tue 2026-12-08 09:00', 'Thu 2026-12-10 09:00',
      'Tue 2026-12-15 09:00', 'Thu 2026-12-17 09:00',
    ]);
  });

  it('keeps the local time across a daylight-saving change and in other time zones', () => {
    const from = new Date('2026-03-25T10:00:00Z');
    const amsterdam = planDeliveries(from, 'Europe/Amsterdam', { count: 3, perWeek: 3, timeOfDay: '10:15' }, hours);
    assert.deepEqual(amsterdam.map((d) => local(d, 'Europe/Amsterdam')), ['Fri 2026-03-27 10:15', 'Mon 2026-03-30 10:15', 'Wed 2026-04-01 10:15']);
    assert.deepEqual(amsterdam.map((d) => d.toISOString()), ['2026-03-27T09:15:00.000Z', '2026-03-30T08:15:00.000Z', '2026-04-01T08:15:00.000Z']);
    const newYork = planDeliveries(from, 'America/New_York', { count: 1, perWeek: 1, timeOfDay: '16:30' }, hours);
    assert.deepEqual(newYork.map((d) => local(d, 'America/New_York')), ['Tue 2026-03-31 16:30']);
  });

  it('never plans at night or in the weekend, whatever time is asked for', () => {
    const plan = planDeliveries(new Date('2026-11-28T12:00:00Z'), 'Europe/Amsterdam', { count: 10, perWeek: 5, timeOfDay: '23:45' }, hours);
    for (const d of plan) {
      const t = DateTime.fromJSDate(d, { zone: 'Europe/Amsterdam' });
      assert.ok(t.weekday <= 5, local(d, 'Europe/Amsterdam'));
      assert.ok(t.hour >= 9 && t.hour < 17, local(d, 'Europe/Amsterdam'));
    }
  });

  it('moves a retry or a pause to the next working moment', () => {
    assert.equal(local(nextWorkingMoment(new Date('2026-11-27T17:30:00Z'), 'Europe/Amsterdam', hours), 'Europe/Amsterdam'), 'Mon 2026-11-30 09:00');
    assert.equal(local(nextWorkingMoment(new Date('2026-11-30T10:05:00Z'), 'Europe/Amsterdam', hours), 'Europe/Amsterdam'), 'Mon 2026-11-30 11:05');
    assert.equal(local(nextWorkingMoment(new Date('2026-11-30T05:00:00Z'), 'Europe/Amsterdam', hours), 'Europe/Amsterdam'), 'Mon 2026-11-30 09:00');
  });
});

describe('follow-up planning for every configuration', () => {
  // Every time zone the runtime knows, every non-empty set of working days, any working hours and
  // preferred time, every cadence the set-up card or a crafted payload can ask for.
  const zones = Intl.supportedValuesOf('timeZone');
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const workingHours = fc
    .tuple(fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 1440 }))
    .filter(([, a, b]) => a < b)
    .map(([days, a, b]): WorkingHours => ({ days, start: hhmm(a), end: hhmm(b) }));
  const cadence = fc.record({ count: fc.integer({ min: 0, max: 60 }), perWeek: fc.integer({ min: 1, max: 5 }), timeOfDay: fc.integer({ min: 0, max: 1439 }).map(hhmm) });
  const moment = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
  const localMinute = (t: DateTime) => t.hour * 60 + t.minute;
  const minutesOf = (v: string) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3));

  it('plans every delivery asked for, in order, on working days within working hours, at most one a day', () => {
    fc.assert(
      fc.property(moment, fc.constantFrom(...zones), cadence, workingHours, (from, zone, c, hours) => {
        const plan = planDeliveries(from, zone, c, hours);
        assert.equal(plan.length, c.count);
        const local = plan.map((d) => DateTime.fromJSDate(d, { zone }));
        const days = new Set<string>();
        for (const [i, t] of local.entries()) {
          assert.ok(plan[i]!.getTime() > from.getTime(), 'planned before the enrolment');
          if (i > 0) assert.ok(plan[i]!.getTime() > plan[i - 1]!.getTime(), 'out of order');
          assert.ok(hours.days!.includes(t.weekday), `${t.toISO()} is not a working day`);
          assert.ok(localMinute(t) >= minutesOf(hours.start) && localMinute(t) < minutesOf(hours.end), `${t.toISO()} is outside working hours`);
          assert.ok(!days.has(t.toISODate()!), 'two deliveries on one day');
          days.add(t.toISODate()!);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keeps to the cadence: no more deliveries in a week than asked for, on the same weekdays every week', () => {
    fc.assert(
      fc.property(moment, fc.constantFrom(...zones), cadence, workingHours, (from, zone, c, hours) => {
        const weekdays = deliveryDays(c.perWeek, hours);
        assert.ok(weekdays.length <= c.perWeek && weekdays.length >= 1);
        const perWeek = new Map<string, number>();
        for (const d of planDeliveries(from, zone, c, hours)) {
          const t = DateTime.fromJSDate(d, { zone });
          assert.ok(weekdays.includes(t.weekday));
          const week = `${t.weekYear}-${t.weekNumber}`;
          perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
        }
        for (const n of perWeek.values()) assert.ok(n <= c.perWeek);
      }),
      { numRuns: 150 },
    );
  });

  it('finds the next working moment within a week for any moment, zone and working week', () => {
    fc.assert(
      fc.property(moment, fc.constantFrom(...zones), workingHours, (after, zone, hours) => {
        const next = nextWorkingMoment(after, zone, hours);
        const t = DateTime.fromJSDate(next, { zone });
        assert.ok(next.getTime() >= after.getTime());
        assert.ok(next.getTime() - after.getTime() <= 8 * 86_400_000);
        assert.ok(hours.days!.includes(t.weekday));
        assert.ok(localMinute(t) >= minutesOf(hours.start) && localMinute(t) < minutesOf(hours.end));
      }),
      { numRuns: 150 },
    );
  });

  it('plans the reported configurations: the weekend only, and twice a week on Monday, Wednesday and Friday', () => {
    const from = new Date('2026-11-27T19:00:00Z');
    const weekend = planDeliveries(from, 'Europe/Amsterdam', { count: 4, perWeek: 2, timeOfDay: '10:00' }, { ...hours, days: [6, 7] });
    assert.deepEqual(weekend.map((d) => local(d, 'Europe/Amsterdam')), ['Sat 2026-11-28 10:00', 'Sun 2026-11-29 10:00', 'Sat 2026-12-05 10:00', 'Sun 2026-12-06 10:00']);
    const oddDays = planDeliveries(from, 'Europe/Amsterdam', { count: 4, perWeek: 2, timeOfDay: '10:00' }, { ...hours, days: [1, 3, 5] });
    assert.deepEqual(oddDays.map((d) => local(d, 'Europe/Amsterdam')), ['Mon 2026-11-30 10:00', 'Fri 2026-12-04 10:00', 'Mon 2026-12-07 10:00', 'Fri 2026-12-11 10:00']);
  });

  it('refuses what cannot be planned instead of looping: no working days, an unknown zone, an endless series', () => {
    assert.throws(() => planDeliveries(new Date(), 'Europe/Amsterdam', { count: 2, perWeek: 1, timeOfDay: '10:00' }, { ...hours, days: [] }), /no working days/);
    assert.throws(() => planDeliveries(new Date(), 'Mars/Olympus', { count: 2, perWeek: 1, timeOfDay: '10:00' }, hours), /not an IANA time zone/);
    assert.throws(() => planDeliveries(new Date(), 'Europe/Amsterdam', { count: 1e9, perWeek: 1, timeOfDay: '10:00' }, hours), /0 to 260 deliveries/);
  });
});

describe('choosing the next micro-exercise', () => {
  const pool = [
    { id: 'woord-snel', dimensions: ['timing'] },
    { id: 'woord-advies', dimensions: ['vertalen'] },
    { id: 'situatie-x', dimensions: ['rolvastheid'] },
  ];
  const now = new Date('2026-12-10T10:00:00Z');

  it('favours the dimensions on which the participant scored lowest', () => {
    const profile = new Map([['timing', 80], ['vertalen', 20], ['rolvastheid', 60]]);
    assert.equal(pickMicro(pool, [], profile, now), 'woord-advies');
  });

  it('brings back a poorly answered micro-exercise after a few days, not before', () => {
    const profile = new Map([['vertalen', 10]]);
    const poor = [{ microId: 'woord-snel', answeredAt: new Date('2026-12-09T10:00:00Z'), score: 0 }];
    assert.equal(pickMicro(pool, poor, profile, now), 'woord-advies');
    const older = [{ microId: 'woord-snel', answeredAt: new Date('2026-12-06T10:00:00Z'), score: 0 }];
    assert.equal(pickMicro(pool, older, profile, now), 'woord-snel');
  });

  it('does not send what was sent already while unseen ones remain, then repeats the oldest', () => {
    assert.equal(pickMicro(pool, [], new Map(), now, ['situatie-x', 'woord-advies']), 'woord-snel');
    const all = pool.map((p, i) => ({ microId: p.id, answeredAt: new Date(Date.UTC(2026, 11, 1 + i)), score: 90 }));
    assert.equal(pickMicro(pool, all, new Map(), now), 'woord-snel');
  });
});
