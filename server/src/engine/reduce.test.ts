import { describe, expect, it } from 'vitest';
import { applyCommand } from './index.ts';
import { Driver, HOST, JUDGE, SYSTEM, makeShow, player, started } from './testing.ts';

describe('applyCommand: versions', () => {
  it('accepted commands bump version by one and set controlVersion to it', () => {
    const d = new Driver(makeShow());
    expect(d.state).toMatchObject({ version: 0, controlVersion: 0, stage: 'lobby' });
    d.host('show:start');
    expect(d.state).toMatchObject({ version: 1, controlVersion: 1 });
  });

  it('a host command built on an older controlVersion is STALE_VERSION; answers do not make it stale', () => {
    const d = started();
    const old = d.state.controlVersion;
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.try({ type: 'question:open', version: old })).toMatchObject({
      error: { code: 'STALE_VERSION' },
    });
    // a newer-than-known version is fine (e.g. built on a state that includes answers)
    expect(d.try({ type: 'question:open', version: d.state.version + 5 }).ok).toBe(true);
  });

  it('a rejection returns no state and leaves the input untouched', () => {
    const d = started();
    const s = d.state;
    const json = JSON.stringify(s);
    const out = applyCommand(s, { type: 'question:lock', version: s.controlVersion }, HOST, {
      now: 1,
      rng: () => 0,
    });
    expect(out).toEqual({ ok: false, error: { code: 'NO_ROUND', message: expect.any(String) } });
    expect(JSON.stringify(s)).toBe(json);
  });
});

describe('applyCommand: roles', () => {
  it('judges may only revise verdicts and pause', () => {
    const d = started();
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false }, JUDGE)).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(d.tryHost('rescue:apply', { how: 'all' }, JUDGE)).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(d.tryHost('show:pause', undefined, JUDGE).ok).toBe(true);
  });

  it('players may only answer', () => {
    const d = started();
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false }, player(1))).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(d.try({ type: 'system:lock', round: 0 }, player(1))).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });

  it('a contestant answers only for its own seat, and must be one', () => {
    const d = started();
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    const answer = { type: 'answer:submit' as const, seat: 2, round: 0, value: 0 };
    expect(d.try(answer, player(1))).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(d.try(answer, { role: 'player', id: 'someone' })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(d.try(answer, player(2)).ok).toBe(true);
  });

  it('unknown command types are UNKNOWN_EVENT', () => {
    const d = started();
    expect(d.try({ type: 'show:explode', version: 9 } as never)).toMatchObject({
      error: { code: 'UNKNOWN_EVENT' },
    });
  });

  it('the system may drive host commands (rehearsal autopilot)', () => {
    const d = started();
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false }, SYSTEM).ok).toBe(true);
  });
});

describe('applyCommand: stages', () => {
  it('most commands need a running show; show:start only in the lobby', () => {
    const d = new Driver(makeShow());
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false })).toMatchObject({
      error: { code: 'WRONG_STAGE' },
    });
    expect(d.try({ type: 'answer:submit', seat: 1, round: 0, value: 0 }, player(1))).toMatchObject({
      error: { code: 'WRONG_STAGE' },
    });
    d.host('show:start');
    expect(d.tryHost('show:start')).toMatchObject({ error: { code: 'WRONG_STAGE' } });
    d.host('show:finish');
    expect(d.tryHost('question:show', { mode: 'main', hideOptions: false })).toMatchObject({
      error: { code: 'WRONG_STAGE' },
    });
    expect(d.tryHost('show:pause')).toMatchObject({ error: { code: 'WRONG_STAGE' } });
  });

  it('seat:update works in any stage; an empty unit clears it; unknown seat is SEAT_NOT_FOUND', () => {
    const d = new Driver(makeShow({ units: ['Công an tỉnh'] }));
    d.host('seat:update', { seat: 1, name: 'Trần Thị B', unit: '' });
    expect(d.state.seats[0]).toEqual(expect.objectContaining({ name: 'Trần Thị B' }));
    expect(d.state.seats[0].unit).toBeUndefined();
    d.host('seat:update', { seat: 2, unit: 'Sở TT&TT' });
    expect(d.state.seats[1].unit).toBe('Sở TT&TT');
    expect(d.tryHost('seat:update', { seat: 42, name: 'x' })).toMatchObject({
      error: { code: 'SEAT_NOT_FOUND' },
    });
    d.host('show:start');
    d.host('show:finish');
    expect(d.tryHost('seat:update', { seat: 1, name: 'C' }).ok).toBe(true);
  });

  it('show:finish needs no question in progress; prizes:confirm only when finished, with known seats', () => {
    const d = started();
    d.host('question:show', { mode: 'main', hideOptions: false });
    expect(d.tryHost('show:finish')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    expect(d.tryHost('prizes:confirm', { awards: [] })).toMatchObject({ error: { code: 'WRONG_STAGE' } });
    d.host('question:open');
    d.host('question:lock');
    d.host('question:reveal');
    expect(d.host('show:finish').events).toEqual([{ type: 'show-finished' }]);
    expect(d.tryHost('prizes:confirm', { awards: [{ prize: 'first', seats: [77] }] })).toMatchObject({
      error: { code: 'INVALID_SEATS' },
    });
    const out = d.host('prizes:confirm', { awards: [{ prize: 'first', seats: [1] }] });
    expect(out.events).toEqual([{ type: 'prizes-confirmed' }]);
    expect(d.state).toMatchObject({ prizes: [{ prize: 'first', seats: [1] }], prizesConfirmed: true });
  });
});
