/** Property tests: random command sequences (valid and invalid, any actor, any time) keep the engine's invariants. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from '@cv/shared/protocol';
import {
  applyCommand,
  foldStanding,
  hostView,
  nextStep,
  publicView,
  seatSelf,
  standingsOf,
  tallyOf,
} from './index.ts';
import { makeShow, player, single } from './testing.ts';
import type { Actor, EngineCommand, ShowState } from './types.ts';

const secretText = (id: string, pool: Question['pool']): Question => ({
  id,
  kind: 'text',
  pool,
  prompt: `Prompt ${id}`,
  timeLimitSec: 20,
  key: { kind: 'text', accepted: [`SECRET-${id}`] },
  explanation: `EXPL-${id}`,
});
const QUESTIONS: Question[] = [
  secretText('m1', 'main'),
  single('m2', 1, 'main', { explanation: 'EXPL-m2', timeLimitSec: 5 }),
  secretText('m3', 'main'),
  {
    ...single('m4', 0, 'main', { timeLimitSec: 5 }),
    kind: 'truefalse',
    options: undefined,
    key: { kind: 'truefalse', answer: true },
  },
  secretText('b1', 'backup'),
  secretText('r1', 'rescue'),
  secretText('g1', 'golden'),
  secretText('t1', 'tiebreak'),
];

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

type Ver = 'current' | 'stale' | 'future';
/** 'own-seat': the contestant of the seat the command names — the only way an answer reaches the engine in production */
type Step = { make: (s: ShowState) => EngineCommand; actor: Actor | 'own-seat'; dt: number };
const actorFor = (step: Step, command: EngineCommand): Actor =>
  step.actor !== 'own-seat' ? step.actor : player(command.type === 'answer:submit' ? command.seat : 0);

const seat = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 5) },
);
const value = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom<string | number | boolean | number[]>(
      0,
      1,
      2,
      3,
      true,
      false,
      [0, 1],
      [],
      'x',
      '',
    ),
  },
  { weight: 3, arbitrary: fc.constantFrom(...QUESTIONS.map((q) => `secret-${q.id}`)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const ver = fc.constantFrom<Ver>('current', 'current', 'current', 'current', 'stale', 'future');
const withVer = (v: Ver, s: ShowState) =>
  v === 'current' ? s.controlVersion : v === 'stale' ? s.controlVersion - 1 : s.version + 3;

const hostCmd: fc.Arbitrary<(s: ShowState) => EngineCommand> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom('question:open', 'question:lock', 'question:reveal'), ver),
    },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('show:pause', 'show:resume', 'question:options'), ver) },
    // rare: finishing ends the interesting part of a run
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('show:start', 'show:finish'), ver) },
  )
  .map(
    ([type, v]) =>
      (s: ShowState) =>
        ({ type, version: withVer(v, s) }) as EngineCommand,
  );

const showCmd = fc
  .record({
    v: ver,
    mode: fc.constantFrom('main', 'main', 'main', 'rescue', 'golden', 'tiebreak'),
    questionId: fc.option(fc.constantFrom(...QUESTIONS.map((q) => q.id), 'nope'), { freq: 3 }),
    seats: fc.option(fc.array(seat, { maxLength: 4 })),
    hideOptions: fc.boolean(),
  })
  .map(
    (r) => (s: ShowState) =>
      ({
        type: 'question:show',
        version: withVer(r.v, s),
        mode: r.mode,
        hideOptions: r.hideOptions,
        ...(r.questionId !== null ? { questionId: r.questionId } : {}),
        ...(r.seats !== null ? { seats: r.seats } : {}),
      }) as EngineCommand,
  );

const otherHost = fc.oneof(
  fc.constant((s: ShowState) => ({ type: 'question:swap', version: s.controlVersion }) as EngineCommand),
  fc.record({ v: ver, backupId: fc.option(fc.constantFrom('b1', 'm2', 'zz')) }).map(
    (r) => (s: ShowState) =>
      ({
        type: 'question:swap',
        version: withVer(r.v, s),
        ...(r.backupId ? { backupId: r.backupId } : {}),
      }) as EngineCommand,
  ),
  fc
    .record({
      v: ver,
      how: fc.constantFrom('seats', 'all', 'all', 'since', 'hall-game'),
      seats: fc.option(fc.array(seat, { maxLength: 3 })),
      since: fc.option(fc.integer({ min: 1, max: 4 })),
    })
    .map(
      (r) => (s: ShowState) =>
        ({
          type: 'rescue:apply',
          version: withVer(r.v, s),
          how: r.how,
          ...(r.seats ? { seats: r.seats } : {}),
          ...(r.since ? { sinceQuestion: r.since } : {}),
        }) as EngineCommand,
    ),
  fc
    .record({
      v: ver,
      back: fc.integer({ min: 0, max: 3 }),
      seat,
      correct: fc.boolean(),
      reason: fc.constantFrom('', 'sai đáp án', 'đúng'),
    })
    .map(
      (r) => (s: ShowState) =>
        ({
          type: 'verdict:revise',
          version: withVer(r.v, s),
          round: Math.max(0, (s.current ?? 0) - r.back),
          seat: r.seat,
          correct: r.correct,
          reason: r.reason,
        }) as EngineCommand,
    ),
  fc
    .record({ v: ver, seat, name: fc.constantFrom('Lan', 'Minh') })
    .map(
      (r) => (s: ShowState) =>
        ({ type: 'seat:update', version: withVer(r.v, s), seat: r.seat, name: r.name }) as EngineCommand,
    ),
  fc.record({ v: ver, seats: fc.array(seat, { maxLength: 2 }) }).map(
    (r) => (s: ShowState) =>
      ({
        type: 'prizes:confirm',
        version: withVer(r.v, s),
        awards: [{ prize: 'first', seats: r.seats }],
      }) as EngineCommand,
  ),
);

function eligibleSeat(s: ShowState, pick: number): number {
  const seats = s.current === null ? [] : s.rounds[s.current].eligibleSeats;
  return seats.length ? seats[pick % seats.length] : 1 + (pick % 4);
}

/** a value of the right shape for the current question (right or wrong), so answers get judged, not just refused */
function fittingValue(s: ShowState, pick: number): string | number | boolean | number[] {
  const round = s.current === null ? undefined : s.rounds[s.current];
  const q = QUESTIONS.find((x) => x.id === round?.questionId);
  switch (q?.kind) {
    case 'single':
      return pick % (q.options?.length ?? 1);
    case 'multi':
      return [pick % (q.options?.length ?? 1)];
    case 'truefalse':
      return pick % 2 === 0;
    case 'text':
      return pick % 2 === 0 ? `secret-${q.id}` : `sai ${pick}`;
    default:
      return pick;
  }
}

const answerCmd = fc
  .record({
    // mostly a seat that may answer this round (as contestants do), sometimes any seat or none at all
    seat: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: seat }),
    pick: fc.nat({ max: 7 }),
    junk: fc.option(value, { freq: 3 }),
    nextRound: fc.oneof(
      { weight: 9, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  })
  .map(
    (r) => (s: ShowState) =>
      ({
        type: 'answer:submit',
        seat: r.seat ?? eligibleSeat(s, r.pick),
        round: (s.current ?? 0) + (r.nextRound ? 1 : 0),
        value: r.junk ?? fittingValue(s, r.pick),
      }) as EngineCommand,
  );
const systemCmd = fc.oneof(
  fc
    .integer({ min: 0, max: 6 })
    .map((round) => (_: ShowState) => ({ type: 'system:lock', round }) as EngineCommand),
  fc
    .integer({ min: 0, max: 20_000 })
    .map(
      (back) => (_: ShowState) => ({ type: 'system:recover', lastSeenAt: 1_000_000 + back }) as EngineCommand,
    ),
);

const HOST: Actor = { role: 'host', id: 'host' };

/** the MC's sensible next move, so that random noise is spread over deep states too */
const advance = fc.constant((s: ShowState): EngineCommand => {
  const version = s.controlVersion;
  if (s.paused) return { type: 'show:resume', version };
  switch (nextStep(s)) {
    case 'start':
      return { type: 'show:start', version };
    case 'open':
      return { type: 'question:open', version };
    case 'lock':
      return { type: 'question:lock', version };
    case 'reveal':
      return { type: 'question:reveal', version };
    case 'golden-bell':
      return { type: 'question:show', version, mode: 'golden', hideOptions: false };
    case 'finish':
      return { type: 'rescue:apply', version, how: 'all' };
    case 'confirm-prizes':
      return { type: 'prizes:confirm', version, awards: [] };
    default:
      return { type: 'question:show', version, mode: 'main', hideOptions: false };
  }
});
const actor = fc.oneof(
  { weight: 8, arbitrary: fc.constant(HOST) },
  { weight: 1, arbitrary: fc.constant<Actor>({ role: 'judge', id: 'judge' }) },
  { weight: 1, arbitrary: fc.constant<Actor>({ role: 'system', id: 'system' }) },
  { weight: 1, arbitrary: seat.map(player) },
);

const answerStep: fc.Arbitrary<Step> = fc.record({
  make: answerCmd,
  actor: fc.oneof(
    // mostly the seat's own tablet, as in production; sometimes another seat's, the MC, a judge, the system
    { weight: 8, arbitrary: fc.constant<'own-seat'>('own-seat') },
    { weight: 2, arbitrary: actor },
  ),
  // mostly within a 5 s question, sometimes well after it
  dt: fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 0, max: 400 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 6000 }) },
  ),
});

const rescueNow = fc
  .constantFrom<'all' | 'since'>('all', 'since')
  .map(
    (how) => (s: ShowState) =>
      ({ type: 'rescue:apply', version: s.controlVersion, how, sinceQuestion: 1 }) as EngineCommand,
  );

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ make: rescueNow, actor: fc.constant(HOST), dt: fc.constant(0) }) },
  {
    weight: 6,
    arbitrary: fc.record({ make: advance, actor: fc.constant(HOST), dt: fc.integer({ min: 0, max: 2000 }) }),
  },
  { weight: 5, arbitrary: fc.record({ make: hostCmd, actor, dt: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 3, arbitrary: fc.record({ make: showCmd, actor, dt: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 4, arbitrary: fc.record({ make: otherHost, actor, dt: fc.integer({ min: 0, max: 3000 }) }) },
  { weight: 12, arbitrary: answerStep },
  { weight: 1, arbitrary: fc.record({ make: systemCmd, actor, dt: fc.integer({ min: 0, max: 8000 }) }) },
);

const rulesArb = fc.record({
  noAnswerIsWrong: fc.boolean(),
  allowAnswerChange: fc.boolean(),
  lateGraceMs: fc.constantFrom(0, 800),
  allWrongRule: fc.constantFrom<'nobody-eliminated' | 'all-eliminated' | 'tie-break'>(
    'nobody-eliminated',
    'all-eliminated',
    'tie-break',
  ),
  autoRescue: fc.record({
    whenStandingAtMost: fc.option(fc.integer({ min: 0, max: 3 })),
    afterQuestionNumbers: fc.subarray([1, 2, 3]),
  }),
  goldenBell: fc.record({
    whenStandingAtMost: fc.integer({ min: 0, max: 2 }),
    atQuestionNumber: fc.option(fc.integer({ min: 1, max: 4 })),
  }),
  tieBreakFastestWins: fc.boolean(),
});

/** a burst of answers right after a step, as when a question opens */
/** the MC moves on, and when the move opens a question a burst of answers follows, as in the hall */
const openStep: fc.Arbitrary<Step> = advance.map((next) => ({
  make: (s: ShowState) => {
    const cur = s.current === null ? null : s.rounds[s.current];
    return cur?.phase === 'shown' && !s.paused
      ? ({ type: 'question:open', version: s.controlVersion } as EngineCommand)
      : next(s);
  },
  actor: HOST,
  dt: 0,
}));
const steps = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(openStep, fc.array(answerStep, { minLength: 2, maxLength: 8 })) },
      { weight: 7, arbitrary: fc.tuple(step, fc.array(answerStep, { maxLength: 1 })) },
    ),
    { minLength: 1, maxLength: 40, size: 'max' },
  )
  .map((pairs) => pairs.flatMap(([s, burst]) => [s, ...burst]));

const isAnsweringOpen = (s: ShowState) =>
  s.stage === 'running' && !s.paused && s.current !== null && s.rounds[s.current].phase === 'answering';

const STATUS_COMMANDS = new Set(['question:reveal', 'rescue:apply', 'verdict:revise', 'question:swap']);
const statusKey = (s: ShowState) =>
  JSON.stringify(s.seats.map((x) => [x.seat, x.status, x.eliminatedAt, x.rescued, x.bell]));

function checkInvariants(state: ShowState) {
  const standing = state.seats.filter((s) => s.status === 'standing').length;
  const out = state.seats.filter((s) => s.status === 'eliminated').length;
  expect(standing + out).toBe(state.seats.length);
  expect(state.controlVersion).toBeLessThanOrEqual(state.version);
  // the stored statuses are exactly the fold over the effects
  expect(foldStanding(state).seats).toEqual(state.seats);
  // redaction: a key or explanation appears only for the current round once revealed
  const cur = state.current === null ? null : state.rounds[state.current];
  const json = JSON.stringify(publicView(state, new Set([1, 2])));
  for (const q of QUESTIONS) {
    const revealedNow = cur !== null && cur.questionId === q.id && cur.phase === 'revealed';
    if (!revealedNow) {
      expect(json).not.toContain(`SECRET-${q.id}`);
      expect(json).not.toContain(`EXPL-${q.id}`);
    }
  }
  const pr = publicView(state, new Set()).round;
  if (pr && pr.phase !== 'revealed')
    expect([pr.revealedKey, pr.verdicts, pr.explanation]).toEqual([null, null, null]);
  if (pr && (pr.phase === 'shown' || pr.phase === 'answering')) expect(pr.distribution).toBeNull();
  // the other views never throw
  hostView(state, new Set());
  tallyOf(state);
  standingsOf(state);
  for (const s of state.seats) seatSelf(state, s.seat);
}

/**
 * Of the generated answers, the share accepted from a contestant's own seat: measured ≈ 0.08 overall
 * (most answers land outside the answering window, on purpose) and ≈ 0.36 while answering is open.
 * An answer path that refuses contestants (as a seat-less actor did) drives both to 0.
 */
const FAIR_SHARE = { overall: 0.04, whileOpen: 0.2 };

describe('engine properties', () => {
  it('random command sequences keep every invariant', () => {
    const accepted = new Map<string, number>();
    /** answers generated, and answers the engine accepted from a contestant's own seat */
    const answers = { generated: 0, fromPlayers: 0, whileOpen: 0, fromPlayersWhileOpen: 0 };
    const refusals = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        rulesArb,
        steps,
        (inLobby, rules, steps) => {
          let state = makeShow({ seats: 4, questions: QUESTIONS, rules });
          let now = 1_000_000;
          // most runs start running, so the sequences get deep into the show
          if (!inLobby) {
            const out = applyCommand(state, { type: 'show:start', version: 0 }, HOST, {
              now,
              rng: () => 0.5,
            });
            if (out.ok) state = out.state;
          }
          state = deepFreeze(state);
          for (const st of steps) {
            now += st.dt;
            const command = st.make(state);
            const actor = actorFor(st, command);
            const before = state;
            const snapshot = JSON.stringify(before);
            const out = applyCommand(before, command, actor, { now, rng: () => 0.5 });
            const open = isAnsweringOpen(before);
            if (command.type === 'answer:submit') {
              answers.generated++;
              if (open) answers.whileOpen++;
            }
            if (command.type === 'answer:submit' && !out.ok && process.env.ENGINE_PROP_STATS)
              refusals.set(out.error.code, (refusals.get(out.error.code) ?? 0) + 1);
            // deep-frozen input: any mutation would have thrown; and it serialises the same
            expect(JSON.stringify(before)).toBe(snapshot);
            if (!out.ok) {
              expect(out).not.toHaveProperty('state');
              continue;
            }
            accepted.set(command.type, (accepted.get(command.type) ?? 0) + 1);
            if (command.type === 'answer:submit' && actor.role === 'player') {
              answers.fromPlayers++;
              if (open) answers.fromPlayersWhileOpen++;
            }
            expect(out.state.version).toBe(before.version + 1);
            expect(out.state.controlVersion).toBe(
              command.type === 'answer:submit' ? before.controlVersion : out.state.version,
            );
            if (!STATUS_COMMANDS.has(command.type)) expect(statusKey(out.state)).toBe(statusKey(before));
            checkInvariants(out.state);
            state = deepFreeze(out.state);
          }
        },
      ),
      { numRuns: 200 },
    );
    if (process.env.ENGINE_PROP_STATS) console.log(Object.fromEntries(accepted), answers, refusals);
    // contestants' answers must actually be exercised: a fair share of the generated ones gets through
    // their own seats (the rest are refused for phase, round, seat, value or actor — tested too)
    expect(answers.fromPlayers / answers.generated).toBeGreaterThan(FAIR_SHARE.overall);
    expect(answers.fromPlayersWhileOpen / answers.whileOpen).toBeGreaterThan(FAIR_SHARE.whileOpen);
    // the generator must reach deep states, or the invariants above prove little
    for (const type of ['question:reveal', 'answer:submit', 'question:swap']) {
      expect(accepted.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  });

  it('a scripted show accepts answers in the intended flow (the generator reaches deep states)', () => {
    // sanity check that the generator's vocabulary can drive a full main round
    let state = makeShow({ seats: 4, questions: QUESTIONS });
    const run = (c: EngineCommand, a: Actor = HOST) => {
      const out = applyCommand(state, c, a, { now: 1_000_000, rng: () => 0.5 });
      if (!out.ok) throw new Error(out.error.code);
      state = out.state;
    };
    run({ type: 'show:start', version: 0 });
    run({ type: 'question:show', version: state.controlVersion, mode: 'main', hideOptions: false });
    run({ type: 'question:open', version: state.controlVersion });
    run({ type: 'answer:submit', seat: 1, round: 0, value: 'secret-M1' }, player(1));
    run({ type: 'question:lock', version: state.controlVersion });
    run({ type: 'question:reveal', version: state.controlVersion });
    expect(state.seats.map((s) => s.status)).toEqual(['standing', 'eliminated', 'eliminated', 'eliminated']);
  });
});
