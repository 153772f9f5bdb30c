/**
 * The show script: what the MC, the judge and the tablets do, question by question, and what the
 * rehearsal checks after each step. Every special situation of a real show happens once:
 *   2 all-wrong question (nobody eliminated by the default rule)
 *   3 a backup swap after answers were given (those answers are void)
 *   4 a question that locks by the server's deadline, with silent tablets (no answer = wrong)
 *   K the server is SIGKILLed while question K is answered (--kill-at), then restarted
 *   ⌈N/2⌉ then a rescue question (only eliminated seats answer) and a hall-game rescue
 *   ⌈N/2⌉+1 a judge's revision of one verdict, with a reason
 *   end: tie-break among those still standing, the golden-bell question, finish, prizes.
 */
import type {
  AnswerValue,
  HostRoundView,
  HostView,
  PrizeAward,
  PublicView,
  Question,
  ShowEvent,
} from '@cv/shared/protocol';
import { seeded, sleep, until, type Fleet } from './bots.ts';
import { correctValue, wrongValue } from './questions.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface CrashControl {
  /** SIGKILL the server */
  kill(): Promise<void>;
  /** start it again on the same port and data dir; resolves when it listens */
  restart(): Promise<void>;
}

export interface ScriptOptions {
  fleet: Fleet;
  seats: number;
  mainCount: number;
  seed: string;
  questions: Question[];
  /** main question number during whose answering the server is killed */
  killAt: number | null;
  crash: CrashControl | null;
  /** ms between firing the second half of the answers and the SIGKILL */
  killDelayMs?: number;
  log: (msg: string) => void;
}

export interface Recovery {
  killed: boolean;
  /** the show came back as it was (version, paused round, remaining time, every acked answer) */
  cameBack: boolean;
  atQuestion: number | null;
  restartMs: number | null;
  /** from SIGKILL until every device was connected again with a fresh snapshot */
  reconnectMs: number | null;
  versionBefore: number | null;
  versionAfter: number | null;
  remainingMsAfter: number | null;
  ackedBeforeKill: number;
  firedAtKill: number;
  ackedInFlight: number;
  retriedAfterRestart: number;
}

export interface ScriptResult {
  finished: boolean;
  checks: Check[];
  recovery: Recovery;
  finalView: PublicView | null;
  finalHostView: HostView | null;
  prizes: PrizeAward[] | null;
  specials: Record<string, number | number[] | null>;
}

/** how many stay standing whatever the plan says, so the end of the show has finalists */
const FLOOR = 3;

export const SPECIAL = {
  allWrongAt: 2,
  swapAt: 3,
  deadlineAt: 4,
  rescueAfter: (mainCount: number) => Math.ceil(mainCount / 2),
  revisionFrom: (mainCount: number) => Math.ceil(mainCount / 2) + 1,
};

export async function playShow(o: ScriptOptions): Promise<ScriptResult> {
  const { fleet, log } = o;
  const byId = new Map(o.questions.map((q) => [q.id, q]));
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail?: string) => {
    checks.push({ name, ok, ...(detail ? { detail } : {}) });
    if (!ok) log(`CHECK FAILED: ${name}${detail ? ` — ${detail}` : ''}`);
  };
  const recovery: Recovery = {
    killed: false,
    cameBack: false,
    atQuestion: o.killAt,
    restartMs: null,
    reconnectMs: null,
    versionBefore: null,
    versionAfter: null,
    remainingMsAfter: null,
    ackedBeforeKill: 0,
    firedAtKill: 0,
    ackedInFlight: 0,
    retriedAfterRestart: 0,
  };
  const specials: Record<string, number | number[] | null> = {
    allWrongAt: SPECIAL.allWrongAt,
    swapAt: SPECIAL.swapAt,
    deadlineAt: SPECIAL.deadlineAt,
    rescueAfter: SPECIAL.rescueAfter(o.mainCount),
    revisionAt: null,
    revisedSeat: null,
    rescuedByQuestion: null,
    rescuedByHallGame: null,
    tieBreakSeats: null,
    tieBreakWinner: null,
  };

  const hv = () => fleet.hostView();
  const round = (): HostRoundView => {
    const r = hv().round;
    if (!r) throw new Error('no current round on the host');
    return r;
  };
  const statusOf = (view: HostView) => new Map(view.seats.map((s) => [s.seat, s.status]));
  const standing = () =>
    hv()
      .seats.filter((s) => s.status === 'standing')
      .map((s) => s.seat);
  const eliminated = () =>
    hv()
      .seats.filter((s) => s.status === 'eliminated')
      .map((s) => s.seat);
  const questionOf = (r: HostRoundView) => {
    const q = byId.get(r.question.id);
    if (!q) throw new Error(`unknown question ${r.question.id}`);
    return q;
  };

  /** waits for a state message on the host whose events include one that matches */
  const hostEvent = async <T extends ShowEvent['type']>(
    type: T,
    match: (e: Extract<ShowEvent, { type: T }>) => boolean,
    timeoutMs = 3000,
  ): Promise<Extract<ShowEvent, { type: T }> | null> => {
    const end = performance.now() + timeoutMs;
    for (;;) {
      for (const m of fleet.hostEvents)
        for (const e of m.events)
          if (e.type === type && match(e as Extract<ShowEvent, { type: T }>))
            return e as Extract<ShowEvent, { type: T }>;
      if (performance.now() > end) return null;
      await sleep(10);
    }
  };

  const waitPhase = (phase: HostRoundView['phase'], index: number, timeoutMs = 10_000) =>
    until(
      fleet.host,
      (c) => c.state.view?.round?.index === index && c.state.view.round.phase === phase,
      timeoutMs,
      `round ${index} ${phase}`,
    );

  /** plan for a main question: seeded wrong answers, more later in the show, never below the floor */
  const mainPlan = (n: number, q: Question, eligible: number[]) => {
    const rng = seeded(`${o.seed}:main:${n}`);
    const pWrong = 0.04 + (0.3 * (n - 1)) / Math.max(1, o.mainCount - 1);
    let wrong = eligible.filter(() => rng() < pWrong);
    const room = Math.max(0, eligible.length - FLOOR);
    if (wrong.length > room) wrong = wrong.slice(0, room);
    if (wrong.length === 0 && room > 0) wrong = [eligible[Math.floor(rng() * eligible.length)]];
    const wrongSet = new Set(wrong);
    const values = new Map<number, AnswerValue>();
    for (const seat of eligible) values.set(seat, wrongSet.has(seat) ? wrongValue(q) : correctValue(q));
    return { values, wrong: wrongSet };
  };

  /** answers for the current round, with the crash in the middle when this is question K */
  const answerRound = async (index: number, number: number | null, values: Map<number, AnswerValue>) => {
    if (
      o.killAt === null ||
      number !== o.killAt ||
      !o.crash ||
      recovery.killed ||
      hv().round?.mode !== 'main'
    ) {
      const out = await fleet.answerAll(index, values);
      const failed = out.filter((a) => !a.ok);
      check(
        `round ${index}: every planned answer acked`,
        failed.length === 0,
        failed.length
          ? `${failed.length} refused: ${failed
              .slice(0, 5)
              .map((f) => `${f.seat}:${f.code}`)
              .join(', ')}`
          : undefined,
      );
      return;
    }
    await crashDuring(index, values);
  };

  const crashDuring = async (index: number, values: Map<number, AnswerValue>) => {
    const crash = o.crash!;
    const entries = [...values];
    const half = Math.ceil(entries.length / 2);
    const versionAtOpen = hv().version;
    const first = await fleet.answerAll(index, new Map(entries.slice(0, half)));
    recovery.ackedBeforeKill = first.filter((a) => a.ok).length;
    // the rest fire at once; the SIGKILL lands while they are in flight
    const rest = new Map(entries.slice(half));
    recovery.firedAtKill = rest.size;
    const inFlight = fleet.answerAll(index, rest);
    await sleep(o.killDelayMs ?? 2);
    const killedAt = performance.now();
    log(`question ${o.killAt}: SIGKILL with ${rest.size} answers in flight`);
    await crash.kill();
    recovery.killed = true;
    const second = await inFlight;
    recovery.ackedInFlight = second.filter((a) => a.ok).length;
    recovery.versionBefore = versionAtOpen + recovery.ackedBeforeKill + recovery.ackedInFlight;
    const t0 = performance.now();
    await crash.restart();
    recovery.restartMs = Math.round(performance.now() - t0);
    await fleet.allSynced(30_000);
    recovery.reconnectMs = Math.round(performance.now() - killedAt);
    const present = await until(
      fleet.host,
      (c) => c.state.view?.seats.every((s) => s.connected) && c.state.view,
      5000,
      'presence',
    ).catch(() => null);
    check(
      'recovery: every tablet shown connected again',
      present !== null,
      `${hv().seats.filter((s) => !s.connected).length} not connected`,
    );
    // the show must come back exactly: same round, paused with time left, every acked answer in it
    const view = hv();
    const r = view.round;
    recovery.versionAfter = view.version;
    recovery.remainingMsAfter = r?.remainingMs ?? null;
    // the seat's last acked answer counts, unless a later one (sent, ack lost in the crash) was stored
    const acceptable = new Map<number, Set<string>>();
    for (const a of fleet.sent.filter((x) => x.round === index)) {
      if (a.acked) acceptable.set(a.seat, new Set([JSON.stringify(a.value)]));
      else acceptable.get(a.seat)?.add(JSON.stringify(a.value));
    }
    const missing = [...acceptable].filter(
      ([seat, ok]) => !r || !ok.has(JSON.stringify(r.answers[seat]?.value)),
    );
    const ackedHere = acceptable;
    const limit = r ? r.question.timeLimitSec * 1000 : 0;
    const sameRound = r?.index === index && r.phase === 'answering';
    const paused = view.paused === true && r?.deadline === null;
    const timeKept = r?.remainingMs != null && r.remainingMs > 0 && r.remainingMs <= limit;
    const versionOk = view.version >= recovery.versionBefore;
    check('recovery: same round, still answering', sameRound, `round ${r?.index} phase ${r?.phase}`);
    check('recovery: show came back paused', paused, `paused=${view.paused} deadline=${r?.deadline}`);
    check('recovery: remaining time kept', timeKept, `remainingMs=${r?.remainingMs} of ${limit}`);
    check(
      'recovery: version same or higher',
      versionOk,
      `before ${recovery.versionBefore}, after ${view.version}`,
    );
    check(
      'recovery: every acked answer of the round is back',
      missing.length === 0,
      `${missing.length} of ${ackedHere.size} missing`,
    );
    recovery.cameBack = sameRound && paused && timeKept && versionOk && missing.length === 0;
    // the MC resumes; the tablets whose answer never got an ack send it again
    await fleet.command('show:resume');
    await until(fleet.host, (c) => c.state.view?.round?.deadline != null, 5000, 'deadline after resume');
    const ackedSeats = new Set(fleet.acked.filter((a) => a.round === index).map((a) => a.seat));
    const retry = new Map([...values].filter(([seat]) => !ackedSeats.has(seat)));
    recovery.retriedAfterRestart = retry.size;
    const third = await fleet.answerAll(index, retry);
    const failed = third.filter((a) => !a.ok);
    check(
      'recovery: retried answers acked',
      failed.length === 0,
      failed.length ? `${failed.length} refused (${failed[0].code})` : undefined,
    );
  };

  /** lock (by MC or deadline) and reveal; returns who went out / came back, checked against the plan */
  const lockAndReveal = async (index: number, byDeadline: boolean) => {
    if (byDeadline) {
      await waitPhase('locked', index, (round().question.timeLimitSec + 10) * 1000);
      const ev = await hostEvent('locked', (e) => e.round === index);
      check(
        `round ${index}: locked by the server's deadline`,
        ev?.auto === true,
        `event ${JSON.stringify(ev)}`,
      );
      // every device sees the lock before the next command is built on it
      await fleet.reached(hv().version, null);
    } else {
      await fleet.command('question:lock');
    }
    const before = statusOf(hv());
    await fleet.command('question:reveal');
    const after = statusOf(hv());
    const out: number[] = [];
    const back: number[] = [];
    for (const [seat, s] of after) {
      if (before.get(seat) === 'standing' && s === 'eliminated') out.push(seat);
      if (before.get(seat) === 'eliminated' && s === 'standing') back.push(seat);
    }
    const ev = await hostEvent('revealed', (e) => e.round === index);
    check(`round ${index}: revealed event`, ev !== null);
    if (ev) {
      check(
        `round ${index}: revealed event matches the seat grid`,
        sameSet(ev.eliminated, out) && sameSet(ev.returned, back),
        `event out ${ev.eliminated.length} back ${ev.returned.length}; grid out ${out.length} back ${back.length}`,
      );
    }
    return { out, back, allWrong: ev?.allWrong ?? false };
  };

  /** each eligible tablet's seat:self agrees with the MC's grid and the round's verdicts */
  const tabletsAgree = async (index: number, seats: number[]): Promise<string[]> => {
    const view = hv();
    const wrong = (seat: number) => {
      const self = fleet.player(seat).state.self;
      const status = view.seats.find((s) => s.seat === seat)?.status;
      const verdict = view.round?.verdicts?.[seat] ?? null;
      if (
        !self ||
        self.round !== index ||
        self.status !== status ||
        self.correct !== verdict ||
        self.canAnswer
      )
        return `seat ${seat}: self ${JSON.stringify(self && { round: self.round, status: self.status, correct: self.correct })} vs ${status}/${verdict}`;
      return null;
    };
    const end = performance.now() + 2000;
    for (;;) {
      const bad = seats.map(wrong).filter((x): x is string => x !== null);
      if (bad.length === 0 || performance.now() > end) return bad;
      await sleep(20);
    }
  };

  const showMain = async (n: number) => {
    await fleet.command('question:show', { mode: 'main' });
    const r = round();
    check(`question ${n}: numbered ${n}`, r.number === n, `number ${r.number}`);
    return r;
  };

  // ---- the show ------------------------------------------------------------------------------
  await fleet.command('show:start');
  check('show started', hv().stage === 'running');

  let revisionDone = false;
  for (let n = 1; n <= o.mainCount; n++) {
    log(`question ${n}/${o.mainCount}: ${standing().length} standing`);
    let r = await showMain(n);
    let q = questionOf(r);
    const eligible = r.eligibleSeats.slice();
    check(`question ${n}: every standing seat may answer`, sameSet(eligible, standing()));

    let voidedWrong: number[] = [];
    if (n === SPECIAL.swapAt) {
      // answers on a faulty question, then the MC swaps in a backup: those answers are void
      await fleet.command('question:open');
      const early = eligible.filter((_, i) => i % 3 === 0);
      const res = await fleet.answerAll(r.index, new Map(early.map((s) => [s, wrongValue(q)])));
      voidedWrong = res.filter((a) => a.ok).map((a) => a.seat);
      const withdrawn = r.index;
      await fleet.command('question:swap', {});
      const after = hv();
      r = round();
      q = questionOf(r);
      check('swap: withdrawn question is void', after.rounds[withdrawn]?.voided === true);
      check(
        'swap: a backup question replaces it',
        q.pool === 'backup' && r.index === withdrawn + 1 && r.number === n,
        `${q.id} round ${r.index} number ${r.number}`,
      );
      check(
        'swap: the replacement starts with no answers',
        r.phase === 'shown' && Object.keys(r.answers).length === 0 && r.answeredCount === 0,
      );
      check('swap: same seats may answer', sameSet(r.eligibleSeats, eligible));
      if (voidedWrong.length > 0) {
        const late = await fleet.player(voidedWrong[0]).answer(withdrawn, correctValue(questionOf(r)));
        check(
          'swap: an answer to the withdrawn question is refused',
          !late.ok && late.error.code === 'ROUND_MISMATCH',
          late.ok ? 'accepted' : late.error.code,
        );
      }
      specials.swappedOut = withdrawn;
    }

    await fleet.command('question:open');
    check(
      `question ${n}: answering with a server deadline`,
      round().phase === 'answering' && round().deadline !== null,
    );

    let planWrong: Set<number>;
    let silent = new Set<number>();
    let values: Map<number, AnswerValue>;
    if (n === SPECIAL.allWrongAt) {
      values = new Map(eligible.map((s) => [s, wrongValue(q)]));
      planWrong = new Set(eligible);
    } else {
      const plan = mainPlan(n, q, eligible);
      values = plan.values;
      planWrong = plan.wrong;
      // the seats whose answers were voided by the swap answer this one correctly
      for (const s of voidedWrong) {
        if (planWrong.delete(s)) values.set(s, correctValue(q));
      }
      if (n === SPECIAL.deadlineAt) {
        // some of the planned-wrong tablets stay silent: no answer counts as wrong
        silent = new Set([...planWrong].filter((_, i) => i % 2 === 0));
        for (const s of silent) values.delete(s);
      }
    }
    let changer: number | null = null;
    if (n === 1) {
      // a contestant changes their mind: the last answer before the lock counts
      changer = eligible.find((s) => !planWrong.has(s)) ?? null;
      if (changer !== null) {
        const first = await fleet.answer(changer, r.index, wrongValue(q));
        check('answer change: first answer acked', first.ok, first.code);
      }
    }
    await answerRound(r.index, n, values);
    if (n === 1 || (o.killAt === n && recovery.killed)) {
      // the big screen's tally counts every answer (aggregate only, on its short tick)
      const tally = await until(
        fleet.screen,
        (c) => c.state.tally?.round === r.index && c.state.tally.answered === values.size && c.state.tally,
        3000,
        'tally',
      ).catch(() => null);
      check(
        `question ${n}: screen tally counts every answer`,
        tally !== null,
        `tally ${JSON.stringify(fleet.screen.state.tally && { answered: fleet.screen.state.tally.answered, round: fleet.screen.state.tally.round })}, expected ${values.size}`,
      );
    }
    const standingBefore = standing().length;
    const { out, back, allWrong } = await lockAndReveal(r.index, n === SPECIAL.deadlineAt);
    r = round();
    if (changer !== null) check('answer change: the last answer counts', r.verdicts?.[changer] === true);
    if (silent.size > 0) {
      const late = await fleet.player([...silent][0]).answer(r.index, correctValue(q));
      check(
        'late answer refused with a reason',
        !late.ok && late.error.code === 'ANSWER_LATE',
        late.ok ? 'accepted' : late.error.code,
      );
    }
    // every tablet hears its own verdict and status
    const mism = await tabletsAgree(r.index, eligible);
    check(
      `question ${n}: every tablet shows its own verdict and status`,
      mism.length === 0,
      mism.slice(0, 3).join('; '),
    );

    if (n === SPECIAL.allWrongAt) {
      check(
        'all-wrong: every verdict is wrong',
        eligible.every((s) => r.verdicts?.[s] === false),
      );
      check('all-wrong: flagged in the reveal', allWrong === true);
      check(
        'all-wrong: nobody eliminated (default rule)',
        out.length === 0 && standing().length === standingBefore,
        `${out.length} out`,
      );
    } else {
      const expected = [...planWrong].filter((s) => eligible.includes(s));
      check(
        `question ${n}: exactly the wrong and silent seats are out`,
        sameSet(out, expected) && back.length === 0,
        `out ${out.length}, planned ${expected.length}`,
      );
      if (silent.size > 0)
        check(
          `question ${n}: silent seats judged wrong`,
          [...silent].every((s) => r.verdicts?.[s] === false),
        );
    }
    if (n === SPECIAL.swapAt && voidedWrong.length > 0) {
      const stillIn = voidedWrong.filter((s) => hv().seats.find((x) => x.seat === s)?.status === 'standing');
      check(
        'swap: wrong answers to the withdrawn question did not count',
        stillIn.length === voidedWrong.length,
        `${stillIn.length}/${voidedWrong.length} standing`,
      );
    }

    // judge's revision: a seat that just went out was right after all (reason in the audit trail)
    if (!revisionDone && n >= SPECIAL.revisionFrom(o.mainCount) && out.length > 0) {
      const seat = out[Math.floor(seeded(`${o.seed}:revise:${n}`)() * out.length)];
      await fleet.command(
        'verdict:revise',
        {
          round: r.index,
          seat,
          correct: true,
          reason: 'BGK xem lại băng hình: đáp án của thí sinh được chấp nhận (tổng duyệt)',
        },
        'judge',
      );
      const after = hv();
      const s = after.seats.find((x) => x.seat === seat);
      check('revision: the seat is standing again', s?.status === 'standing', `status ${s?.status}`);
      check('revision: verdict flipped', after.round?.verdicts?.[seat] === true);
      check(
        'revision: recorded with the reason and the judge',
        after.round?.revisions.some((x) => x.seat === seat && x.by === 'judge' && x.reason.length > 3) ===
          true,
      );
      check(
        'revision: announced',
        (await hostEvent('verdict-revised', (e) => e.seat === seat && e.round === r.index)) !== null,
      );
      revisionDone = true;
      specials.revisionAt = n;
      specials.revisedSeat = seat;
    }

    // rescue (cứu trợ) in the middle of the show: a rescue question, then a hall game
    if (n === SPECIAL.rescueAfter(o.mainCount)) {
      const out0 = eliminated();
      if (out0.length === 0) {
        check('rescue: someone to rescue', false, 'nobody is eliminated');
      } else {
        await fleet.command('question:show', { mode: 'rescue' });
        const rr = round();
        const rq = questionOf(rr);
        check(
          'rescue question: only eliminated seats answer',
          rr.mode === 'rescue' && sameSet(rr.eligibleSeats, out0),
        );
        await fleet.command('question:open');
        const rng = seeded(`${o.seed}:rescue`);
        const right = new Set(out0.filter(() => rng() < 0.4));
        if (right.size === 0) right.add(out0[0]);
        if (right.size === out0.length && out0.length > 1) right.delete(out0[out0.length - 1]);
        const plan = new Map(out0.map((s) => [s, right.has(s) ? correctValue(rq) : wrongValue(rq)]));
        const oneStanding = standing()[0];
        const refused = await fleet.player(oneStanding).answer(rr.index, correctValue(rq));
        check(
          'rescue question: a standing seat may not answer',
          !refused.ok && refused.error.code === 'SEAT_NOT_ELIGIBLE',
          refused.ok ? 'accepted' : refused.error.code,
        );
        await answerRound(rr.index, null, plan);
        const { back } = await lockAndReveal(rr.index, false);
        check(
          'rescue question: correct answers return',
          sameSet(back, [...right]),
          `${back.length} back, ${right.size} right`,
        );
        check(
          'rescue question: returned seats marked rescued',
          back.every((s) => hv().seats.find((x) => x.seat === s)?.rescued === true),
        );
        specials.rescuedByQuestion = back.length;
        const still = eliminated();
        if (still.length > 0) {
          const pick = still
            .filter((_, i) => i % Math.max(1, Math.floor(still.length / 2)) === 0)
            .slice(0, 2);
          await fleet.command('rescue:apply', { how: 'hall-game', seats: pick });
          check(
            'hall-game rescue: seats back',
            pick.every((s) => hv().seats.find((x) => x.seat === s)?.status === 'standing'),
          );
          check(
            'hall-game rescue: announced',
            (await hostEvent('rescued', (e) => e.how === 'hall-game')) !== null,
          );
          specials.rescuedByHallGame = pick;
        }
      }
    }
  }
  check('judge revision exercised', revisionDone);
  check(
    'all main questions played',
    hv().mainQuestionsPlayed === o.mainCount,
    `${hv().mainQuestionsPlayed}/${o.mainCount}`,
  );

  // ---- tie-break among those still standing ----------------------------------------------------
  const finalists = standing();
  let winner: number | null = null;
  if (finalists.length >= 2) {
    await fleet.command('question:show', { mode: 'tiebreak', seats: finalists });
    const tr = round();
    const tq = questionOf(tr);
    check(
      'tie-break: exactly the finalists answer',
      tr.mode === 'tiebreak' && sameSet(tr.eligibleSeats, finalists),
    );
    await fleet.command('question:open');
    const rng = seeded(`${o.seed}:tiebreak`);
    winner = finalists[Math.floor(rng() * finalists.length)];
    // the winner is fastest and right; the others follow, some right (slower), some wrong
    const w = await fleet.answer(winner, tr.index, correctValue(tq));
    check('tie-break: winner acked', w.ok, w.code);
    await sleep(40);
    const others = new Map(
      finalists
        .filter((s) => s !== winner)
        .map((s, i) => [s, i % 2 === 0 ? correctValue(tq) : wrongValue(tq)]),
    );
    await answerRound(tr.index, null, others);
    const { out } = await lockAndReveal(tr.index, false);
    check('tie-break: nobody eliminated by it', out.length === 0);
    const top = hv().standings.find((s) => s.rank === 1);
    check(
      'tie-break: fastest correct ranks first',
      top?.seat === winner && !top.tied,
      `rank 1: ${top?.seat}, winner ${winner}`,
    );
    specials.tieBreakSeats = finalists;
    specials.tieBreakWinner = winner;
  } else {
    check('tie-break: at least two finalists', false, `${finalists.length} standing`);
  }

  // ---- the golden bell -------------------------------------------------------------------------
  const due = hv();
  check(
    'golden bell due after the last main question',
    due.goldenBellDue && due.nextStep === 'golden-bell',
    `due ${due.goldenBellDue}, next ${due.nextStep}`,
  );
  await fleet.command('question:show', { mode: 'golden' });
  const gr = round();
  const gq = questionOf(gr);
  check('golden: the standing seats answer', gr.mode === 'golden' && sameSet(gr.eligibleSeats, standing()));
  await fleet.command('question:open');
  const bellTo = winner ?? gr.eligibleSeats[0];
  await answerRound(
    gr.index,
    null,
    new Map(gr.eligibleSeats.map((s) => [s, s === bellTo ? correctValue(gq) : wrongValue(gq)])),
  );
  await lockAndReveal(gr.index, false);
  const rung = await hostEvent('bell-rung', () => true);
  check(
    'golden: the bell rings for the right seat',
    sameSet(rung?.seats ?? [], [bellTo]),
    JSON.stringify(rung),
  );
  check(
    'golden: every device shows the bell',
    fleet.clients().every((c) => sameSet(c.state.view?.bellSeats ?? [], [bellTo])),
  );

  // ---- finish and prizes -----------------------------------------------------------------------
  await fleet.command('show:finish');
  const fin = hv();
  check('finished', fin.stage === 'finished');
  check(
    'standings: one row per seat',
    fin.standings.length === o.seats &&
      sameSet(
        fin.standings.map((s) => s.seat),
        range(o.seats),
      ),
  );
  check('standings: the bell first', fin.standings[0]?.seat === bellTo && fin.standings[0].bell);
  const proposed = fin.proposedPrizes;
  const awards: PrizeAward[] = [
    { prize: 'bell', seats: fin.bellSeats.slice() },
    ...proposed.filter((a) => a.prize !== 'bell'),
  ];
  await fleet.command('prizes:confirm', { awards });
  const screenView = (await until(
    fleet.screen,
    (c) => (c.state.view as PublicView | null)?.prizesConfirmed && c.state.view,
    5000,
    'prizes on the screen',
  )) as PublicView;
  check(
    'prizes: confirmed and on the big screen',
    screenView.prizesConfirmed && JSON.stringify(screenView.prizes) === JSON.stringify(awards),
  );
  check('screen: final standings shown', (screenView.standings?.length ?? 0) === o.seats);
  check(
    "no tablet or screen ever saw the key or others' answers before a reveal",
    fleet.leaks.length === 0,
    fleet.leaks.slice(0, 3).join('; '),
  );

  const end = hv();
  check(
    'prizes: confirmed on the MC console',
    end.prizesConfirmed && end.nextStep === 'done',
    `next ${end.nextStep}`,
  );
  return {
    finished: end.stage === 'finished' && end.prizesConfirmed,
    checks,
    recovery,
    finalView: screenView,
    finalHostView: end,
    prizes: awards,
    specials,
  };
}

export function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
