import { describe, expect, it } from 'vitest';
import { JUDGE, SYSTEM, started } from '../testing.ts';

function answering() {
  const d = started();
  d.host('question:show', { mode: 'main', hideOptions: false });
  d.host('question:open');
  return d;
}

describe('pause and resume', () => {
  it('pausing while answering keeps the time left and clears the deadline; resume sets a new deadline', () => {
    const d = answering();
    d.now += 4000;
    expect(d.host('show:pause').events).toEqual([{ type: 'paused' }]);
    expect(d.state.rounds[0]).toMatchObject({ deadline: null, remainingMs: 6000 });
    expect(d.state.paused).toBe(true);
    d.now += 100_000;
    const out = d.host('show:resume');
    expect(out.events).toEqual([{ type: 'resumed', deadline: d.now + 6000 }]);
    expect(d.state.rounds[0]).toMatchObject({ deadline: d.now + 6000, remainingMs: null });
  });

  it('while paused: answers and most host commands are PAUSED; resume, revise, seat update and swap are not', () => {
    const d = answering();
    d.host('show:pause');
    expect(d.tryAnswer(1, 0)).toMatchObject({ error: { code: 'PAUSED' } });
    expect(d.tryHost('question:lock')).toMatchObject({ error: { code: 'PAUSED' } });
    expect(d.tryHost('show:pause')).toMatchObject({ error: { code: 'PAUSED' } });
    expect(d.try({ type: 'system:lock', round: 0 }, SYSTEM)).toMatchObject({
      error: { code: 'WRONG_PHASE' },
    });
    expect(d.tryHost('seat:update', { seat: 1, name: 'Nguyễn Văn A' }).ok).toBe(true);
  });

  it('pausing outside answering keeps the phase; resume of a shown question sets no deadline', () => {
    const d = started();
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('show:pause');
    expect(d.state.rounds[0]).toMatchObject({ phase: 'shown', remainingMs: 10_000 });
    expect(d.host('show:resume').events).toEqual([{ type: 'resumed', deadline: null }]);
    d.host('question:open');
    expect(d.state.rounds[0].deadline).toBe(d.now + 10_000);
  });

  it('resume when not paused is WRONG_PHASE; judges may pause but not resume', () => {
    const d = answering();
    expect(d.tryHost('show:resume')).toMatchObject({ error: { code: 'WRONG_PHASE' } });
    d.host('show:pause', undefined, JUDGE);
    expect(d.tryHost('show:resume', undefined, JUDGE)).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('remembers who paused (MC or judge) until the resume', () => {
    const d = answering();
    d.host('show:pause');
    expect(d.state.pausedBy).toBe('host');
    d.host('show:resume');
    expect(d.state.pausedBy).toBeNull();
    d.host('show:pause', undefined, JUDGE);
    expect(d.state.pausedBy).toBe('judge');
  });

  it('a pause past the deadline leaves 0 ms', () => {
    const d = answering();
    d.now += 12_000;
    d.host('show:pause');
    expect(d.state.rounds[0].remainingMs).toBe(0);
  });
});

describe('system:lock', () => {
  it('locks the current answering round with auto: true', () => {
    const d = answering();
    d.now += 10_800;
    const out = d.do({ type: 'system:lock', round: 0 }, SYSTEM);
    expect(out.events).toEqual([{ type: 'locked', round: 0, auto: true }]);
    expect(d.state.rounds[0].phase).toBe('locked');
    expect(d.state.controlVersion).toBe(d.state.version);
  });

  it('is refused harmlessly for another round or when already locked, and only the system may send it', () => {
    const d = answering();
    expect(d.try({ type: 'system:lock', round: 1 }, SYSTEM)).toMatchObject({
      error: { code: 'WRONG_PHASE' },
    });
    expect(d.try({ type: 'system:lock', round: 0 })).toMatchObject({ error: { code: 'FORBIDDEN' } });
    d.host('question:lock');
    expect(d.try({ type: 'system:lock', round: 0 }, SYSTEM)).toMatchObject({
      error: { code: 'WRONG_PHASE' },
    });
  });
});

describe('system:recover', () => {
  it('a show caught answering comes back paused with the time it had at lastSeenAt', () => {
    const d = answering();
    const lastSeenAt = d.now + 3000;
    d.now += 20_000; // the restart took a while
    const out = d.do({ type: 'system:recover', lastSeenAt }, SYSTEM);
    expect(out.events).toEqual([{ type: 'paused' }]);
    expect(d.state.paused).toBe(true);
    expect(d.state.pausedBy).toBe('restart'); // the console tells the MC why and to press Tiếp tục
    expect(d.state.rounds[0]).toMatchObject({ deadline: null, remainingMs: 7000 });
    d.host('show:resume');
    expect(d.state.rounds[0].deadline).toBe(d.now + 7000);
  });

  it('otherwise succeeds as a no-op (version still bumps)', () => {
    const d = started();
    const before = d.state;
    const out = d.do({ type: 'system:recover', lastSeenAt: 0 }, SYSTEM);
    expect(out.events).toEqual([]);
    expect(d.state.version).toBe(before.version + 1);
    expect({ ...d.state, version: 0, controlVersion: 0 }).toEqual({
      ...before,
      version: 0,
      controlVersion: 0,
    });
    expect(d.try({ type: 'system:recover', lastSeenAt: 0 })).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
