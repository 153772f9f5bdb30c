import { describe, expect, it } from 'vitest';
import { hostView, minutesOf, nextStep, publicView, seatSelf, standingsOf, systemStepDue } from '../index.ts';
import { REHEARSAL_QUESTION, REHEARSAL_STEP_MS } from '../rules/rehearsal-question.ts';
import { audienceScores } from '../audience.ts';
import { Driver, HOST, JUDGE, SYSTEM, makeShow, player } from '../testing.ts';
import type { ShowState } from '../types.ts';

const none = new Set<number>();

/** runs the due system step exactly at its time, as the runtime's timer does */
function tick(d: Driver) {
  const due = systemStepDue(d.state);
  if (!due) throw new Error('nothing due');
  d.now = due.at;
  return d.do(due.command, SYSTEM);
}

function lobby(seats = 4) {
  return new Driver(makeShow({ seats }));
}

/** the parts of the state a rehearsal must leave exactly as they were (version counters move) */
function showPart(s: ShowState) {
  const { version: _v, controlVersion: _c, rehearsal: _r, ...rest } = s;
  return rest;
}

describe('rehearsal question (preshow:rehearse)', () => {
  it('runs shown → answering → locked → revealed by itself, then the show is back in the lobby as it was', () => {
    const d = lobby();
    const before = structuredClone(d.state);
    const started = d.host('preshow:rehearse', { action: 'start' });
    const round = d.state.rehearsal!.round.index;
    expect(round).toBeLessThan(0);
    expect(started.events).toEqual([{ type: 'question-shown', round, mode: 'rehearsal' }]);
    expect(d.state.stage).toBe('lobby');
    expect(nextStep(d.state)).toBe('rehearsal');
    // every device sees the sample question, never a bank question, and no key before the reveal
    const pub = publicView(d.state, none);
    expect(pub.round).toMatchObject({ mode: 'rehearsal', phase: 'shown', revealedKey: null });
    expect(pub.round!.question.prompt).toBe(REHEARSAL_QUESTION.prompt);
    expect(d.tryAnswer(1, 0)).toMatchObject({ ok: false });

    expect(tick(d).events[0]).toMatchObject({ type: 'answering-opened', round });
    expect(seatSelf(d.state, 1)).toMatchObject({ canAnswer: true, eligible: true, round });
    d.do({ type: 'answer:submit', seat: 1, round, value: 0 }, player(1));
    d.do({ type: 'answer:submit', seat: 2, round, value: 2 }, player(2));
    expect(hostView(d.state, none).round!.answers[2]).toMatchObject({ correct: false });

    expect(tick(d).events[0]).toMatchObject({ type: 'locked', round, auto: true });
    const revealed = tick(d);
    expect(revealed.events).toEqual([
      { type: 'revealed', round, eliminated: [], returned: [], allWrong: false },
    ]);
    // the hall sees right and wrong, and nobody's status moves
    expect(publicView(d.state, none).round).toMatchObject({
      phase: 'revealed',
      verdicts: { 1: true, 2: false },
    });
    expect(seatSelf(d.state, 2)).toMatchObject({ correct: false, status: 'standing', outcome: null });
    expect(d.standing()).toEqual([1, 2, 3, 4]);

    d.now += REHEARSAL_STEP_MS.revealed - 1;
    expect(systemStepDue(d.state)!.at).toBe(d.now + 1);
    expect(tick(d).events).toEqual([{ type: 'rehearsal-ended', round, cancelled: false }]);
    expect(d.state.rehearsal).toBeNull();
    expect(systemStepDue(d.state)).toBeNull();
    expect(showPart(d.state)).toEqual(showPart(before));
    expect(publicView(d.state, none).round).toBeNull();
    expect(nextStep(d.state)).toBe('start');
  });

  it('counts nowhere after the real show: standings, records, minutes, audience board', () => {
    const d = lobby(3);
    d.host('preshow:rehearse', { action: 'start' });
    const round = d.state.rehearsal!.round.index;
    tick(d);
    d.do({ type: 'answer:submit', seat: 3, round, value: 0 }, player(3));
    tick(d);
    tick(d);
    tick(d);
    d.host('show:start');
    d.playMain({ 1: 0, 2: 0, 3: 1 });
    expect(d.standing()).toEqual([1, 2]);
    expect(d.state.rounds).toHaveLength(1);
    expect(d.state.rounds[0].index).toBe(0);
    const seat3 = standingsOf(d.state).find((r) => r.seat === 3)!;
    expect(seat3).toMatchObject({ correct: 0 });
    expect(minutesOf(d.state, d.now).entries).toHaveLength(1);
    // a phone that answered only the rehearsal is not on the board at all
    const board = audienceScores(d.state, [{ audienceId: 'p1', name: 'Thử', round, value: 0, at: d.now }]);
    expect(board).toEqual([]);
  });

  it('is allowed only in the lobby, before the first question, and one at a time', () => {
    const d = lobby();
    d.host('preshow:rehearse', { action: 'start' });
    expect(d.tryHost('preshow:rehearse', { action: 'start' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PHASE' },
    });
    d.host('preshow:rehearse', { action: 'cancel' });
    expect(d.tryHost('preshow:rehearse', { action: 'cancel' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PHASE' },
    });
    d.host('show:start');
    expect(d.tryHost('preshow:rehearse', { action: 'start' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STAGE' },
    });
  });

  it('the real show cannot start while it runs; cancelling at any step brings the lobby back', () => {
    for (const steps of [0, 1, 2, 3]) {
      const d = lobby();
      const before = structuredClone(d.state);
      d.host('preshow:rehearse', { action: 'start' });
      const round = d.state.rehearsal!.round.index;
      for (let i = 0; i < steps; i++) {
        tick(d);
        if (d.state.rehearsal?.round.phase === 'answering')
          d.do({ type: 'answer:submit', seat: 1, round, value: 1 }, player(1));
      }
      expect(d.tryHost('show:start')).toMatchObject({ ok: false, error: { code: 'WRONG_PHASE' } });
      const ended = d.host('preshow:rehearse', { action: 'cancel' });
      expect(ended.events).toEqual([{ type: 'rehearsal-ended', round, cancelled: true }]);
      expect(showPart(d.state)).toEqual(showPart(before));
      d.host('show:start');
      expect(d.standing()).toEqual([1, 2, 3, 4]);
    }
  });

  it('a stale or early step is refused harmlessly; answers after the rehearsal are refused', () => {
    const d = lobby();
    d.host('preshow:rehearse', { action: 'start' });
    const round = d.state.rehearsal!.round.index;
    const early = d.try({ type: 'system:rehearsal-step', round, from: 'shown' }, SYSTEM);
    expect(early).toMatchObject({ ok: false, error: { code: 'WRONG_PHASE' } });
    tick(d);
    expect(d.try({ type: 'system:rehearsal-step', round, from: 'shown' }, SYSTEM)).toMatchObject({
      ok: false,
    });
    expect(
      d.try({ type: 'system:rehearsal-step', round: round - 1, from: 'answering' }, SYSTEM),
    ).toMatchObject({
      ok: false,
    });
    expect(d.try({ type: 'system:rehearsal-step', round, from: 'answering' }, HOST)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    d.host('preshow:rehearse', { action: 'cancel' });
    expect(d.try({ type: 'answer:submit', seat: 1, round, value: 0 }, player(1))).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STAGE' },
    });
    d.host('show:start');
    d.host('question:show', { mode: 'main', hideOptions: false });
    d.host('question:open');
    // an answer meant for the rehearsal can never land on a show round
    expect(d.try({ type: 'answer:submit', seat: 1, round, value: 0 }, player(1))).toMatchObject({
      ok: false,
      error: { code: 'ROUND_MISMATCH' },
    });
  });

  it('only the MC starts it; judges cannot revise it and nobody can pause it', () => {
    const d = lobby();
    expect(d.tryHost('preshow:rehearse', { action: 'start' }, JUDGE)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    d.host('preshow:rehearse', { action: 'start' });
    const round = d.state.rehearsal!.round.index;
    tick(d);
    tick(d);
    tick(d);
    const revise = d.tryHost('verdict:revise', { round, seat: 1, correct: true, reason: 'thử xem' }, JUDGE);
    expect(revise).toMatchObject({ ok: false, error: { code: 'WRONG_STAGE' } });
    expect(d.tryHost('show:pause')).toMatchObject({ ok: false, error: { code: 'WRONG_STAGE' } });
  });

  it('replays to the same state (a restart rebuilds it from the logged commands)', () => {
    const d = lobby();
    const log: { cmd: Parameters<Driver['do']>[0]; actor: Parameters<Driver['do']>[1]; now: number }[] = [];
    const run = (cmd: Parameters<Driver['do']>[0], actor = HOST) => {
      log.push({ cmd, actor, now: d.now });
      d.do(cmd, actor);
    };
    run({ type: 'preshow:rehearse', version: 0, action: 'start' });
    const round = d.state.rehearsal!.round.index;
    const step = () => {
      const due = systemStepDue(d.state)!;
      d.now = due.at;
      run(due.command, SYSTEM);
    };
    step();
    d.now += 500;
    run({ type: 'answer:submit', seat: 2, round, value: 0 }, player(2));
    step();
    const again = new Driver(makeShow({ seats: 4 }));
    for (const e of log) {
      again.now = e.now;
      again.do(e.cmd, e.actor);
    }
    expect(again.state).toEqual(d.state);
    expect(again.state.rehearsal!.round).toMatchObject({ phase: 'locked', answers: { 2: { value: 0 } } });
    // the timer re-armed from the rebuilt state moves it on as before
    expect(systemStepDue(again.state)).toEqual(systemStepDue(d.state));
  });
});
