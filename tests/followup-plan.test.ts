import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { nextWorkingMoment, pickMicro, planDeliveries } from '../src/engine';

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
