/** Redaction: what each role receives. The public view never carries the key or others' answers before the reveal. */
import {
  distributionDue,
  type HostRoundView,
  type HostView,
  type NextStep,
  type PublicQuestion,
  type PublicView,
  type Question,
  type RoundPublicView,
  type SeatSelf,
  type SeatView,
} from '@cv/shared/protocol';
import { addToDistribution, emptyDistribution, isCorrect } from './rules/answers.ts';
import { revealOutcomes, seatOutcome } from './rules/outcomes.ts';
import { proposePrizesFrom } from './rules/prizes.ts';
import { standingsOf, unitStandingsOf } from './rules/standings.ts';
import { currentRound, nextMainNumber, nextUnusedQuestion, roundQuestion, usedQuestionIds } from './state.ts';
import type { Round, ShowState } from './types.ts';

/** Aggregates the runtime sends on a tick (host form; the public form drops seats and distribution). */
export interface EngineTally {
  round: number;
  answered: number;
  eligible: number;
  answeredSeats: number[];
  distribution: Record<string, number>;
}

function publicQuestion(q: Question, optionsHidden: boolean): PublicQuestion {
  const out: PublicQuestion = { id: q.id, kind: q.kind, prompt: q.prompt, timeLimitSec: q.timeLimitSec };
  // hidden options are withheld, not just flagged: tablets must not read ahead of the MC
  if (q.options && !optionsHidden) out.options = q.options.slice();
  if (q.media) out.media = { ...q.media };
  if (q.topic !== undefined) out.topic = q.topic;
  return out;
}

function distributionOf(state: ShowState, round: Round, question: Question): Record<string, number> {
  const dist = emptyDistribution(question);
  for (const a of Object.values(round.answers))
    addToDistribution(dist, question, a.value, state.rules.textMatch);
  return dist;
}

function roundPublicView(state: ShowState, round: Round): RoundPublicView {
  const question = roundQuestion(state, round);
  const revealed = round.phase === 'revealed';
  return {
    index: round.index,
    mode: round.mode,
    number: round.number,
    question: publicQuestion(question, round.optionsHidden),
    optionsHidden: round.optionsHidden,
    phase: round.phase,
    eligibleSeats: round.eligibleSeats.slice(),
    deadline: round.deadline,
    remainingMs: round.remainingMs,
    answeredCount: Object.keys(round.answers).length,
    distribution: distributionDue(question.kind, round.phase) ? distributionOf(state, round, question) : null,
    revealedKey: revealed ? structuredClone(question.key) : null,
    verdicts: revealed && round.verdicts ? { ...round.verdicts } : null,
    explanation: revealed ? (question.explanation ?? null) : null,
    outcome: revealed ? (revealOutcomes(state)?.field ?? null) : null,
  };
}

function seatViews(state: ShowState, connected: ReadonlySet<number>): SeatView[] {
  const cur = currentRound(state);
  return state.seats.map((s) => ({
    seat: s.seat,
    name: s.name,
    ...(s.unit ? { unit: s.unit } : {}),
    status: s.status,
    eliminatedAt: s.eliminatedAt,
    rescued: s.rescued,
    answered: cur ? cur.answers[s.seat] !== undefined : false,
    bell: s.bell,
    connected: connected.has(s.seat),
  }));
}

const standingCount = (state: ShowState) => state.seats.filter((s) => s.status === 'standing').length;
const bellRung = (state: ShowState) => state.seats.some((s) => s.bell);

/** The golden-bell question may be offered now: few enough left, or its fixed question number is next. */
export function goldenBellDue(state: ShowState): boolean {
  if (state.stage !== 'running' || bellRung(state)) return false;
  const rule = state.rules.goldenBell;
  const standing = standingCount(state);
  if (standing > 0 && standing <= rule.whenStandingAtMost) return true;
  return rule.atQuestionNumber !== null && nextMainNumber(state) === rule.atQuestionNumber;
}

export function nextStep(state: ShowState): NextStep {
  if (state.rehearsal) return 'rehearsal';
  if (state.stage === 'lobby') return 'start';
  if (state.stage === 'finished') return state.prizesConfirmed ? 'done' : 'confirm-prizes';
  const cur = currentRound(state);
  if (cur?.phase === 'shown') return 'open';
  if (cur?.phase === 'answering') return 'lock';
  if (cur?.phase === 'locked') return 'reveal';
  // the button only suggests a golden question that the bank can actually supply
  if (goldenBellDue(state) && nextUnusedQuestion(state, 'golden')) return 'golden-bell';
  if (bellRung(state) || standingCount(state) <= 1 || !nextUnusedQuestion(state, 'main')) return 'finish';
  return 'show-question';
}

function basePublic(state: ShowState, connected: ReadonlySet<number>) {
  return {
    showId: state.showId,
    title: state.title,
    version: state.version,
    stage: state.stage,
    paused: state.paused,
    pausedBy: state.paused ? (state.pausedBy ?? null) : null,
    seats: seatViews(state, connected),
    standingCount: standingCount(state),
    mainQuestionsPlayed: state.rounds.filter((r) => r.mode === 'main' && !r.voided && r.phase === 'revealed')
      .length,
    mainQuestionsTotal: state.questions.filter((q) => q.pool === 'main').length,
    bellSeats: state.seats.filter((s) => s.bell).map((s) => s.seat),
    goldenBellDue: goldenBellDue(state),
    tieBreakSeats: state.tieBreakSeats ? state.tieBreakSeats.slice() : null,
    prizesConfirmed: state.prizesConfirmed,
  };
}

export function publicView(state: ShowState, connectedSeats: ReadonlySet<number>): PublicView {
  const cur = currentRound(state);
  const finished = state.stage === 'finished';
  // the hall sees standings once the BTC confirmed the results, not the moment the MC ends the show
  const standings = finished && state.prizesConfirmed ? standingsOf(state) : null;
  return {
    ...basePublic(state, connectedSeats),
    round: cur ? roundPublicView(state, cur) : null,
    standings,
    unitStandings: standings ? unitStandingsOf(state, standings) : null,
    prizes: finished && state.prizesConfirmed && state.prizes ? structuredClone(state.prizes) : null,
  };
}

export function hostView(state: ShowState, connectedSeats: ReadonlySet<number>): HostView {
  const cur = currentRound(state);
  const standings = standingsOf(state);
  let round: HostRoundView | null = null;
  if (cur) {
    const question = roundQuestion(state, cur);
    const answers: HostRoundView['answers'] = {};
    for (const [seat, a] of Object.entries(cur.answers)) {
      answers[Number(seat)] = {
        value: structuredClone(a.value),
        elapsedMs: a.elapsedMs,
        correct: isCorrect(question, a.value, state.rules.textMatch),
      };
    }
    round = {
      ...roundPublicView(state, cur),
      // the MC reads the whole question, hidden options included
      question: publicQuestion(question, false),
      distribution: distributionOf(state, cur, question),
      key: structuredClone(question.key),
      explanation: question.explanation ?? null,
      answers,
      revisions: cur.revisions.map((r) => ({ seat: r.seat, correct: r.correct, reason: r.reason, by: r.by })),
    };
  }
  const used = usedQuestionIds(state);
  return {
    ...basePublic(state, connectedSeats),
    round,
    rules: structuredClone(state.rules),
    // shallow: views are serialised, never mutated, and the bank may hold 2,000 questions
    questions: state.questions.map((q) => ({ ...q, used: used.has(q.id) })),
    rounds: state.rounds.map((r) => ({
      index: r.index,
      mode: r.mode,
      number: r.number,
      questionId: r.questionId,
      voided: r.voided,
      eligibleSeats: r.eligibleSeats.slice(),
      verdicts: r.verdicts ? { ...r.verdicts } : null,
    })),
    standings,
    unitStandings: unitStandingsOf(state, standings),
    // before any question was revealed everyone ties: a proposal would hand Giải Nhất to every seat
    proposedPrizes: state.rounds.some((r) => r.phase === 'revealed' && !r.voided)
      ? proposePrizesFrom(standings, state.rules.prizes)
      : [],
    prizes: state.prizes ? structuredClone(state.prizes) : null,
    nextStep: nextStep(state),
  };
}

export function seatSelf(state: ShowState, seat: number): SeatSelf {
  const s = state.seats.find((x) => x.seat === seat);
  const cur = currentRound(state);
  const eligible = !!cur && cur.eligibleSeats.includes(seat);
  const answer = cur?.answers[seat];
  const canAnswer =
    !!s &&
    eligible &&
    (state.stage === 'running' || !!state.rehearsal) &&
    !state.paused &&
    cur!.phase === 'answering' &&
    (!answer || state.rules.allowAnswerChange);
  const verdict = cur?.phase === 'revealed' && cur.verdicts ? cur.verdicts[seat] : undefined;
  return {
    seat,
    name: s?.name ?? '',
    status: s?.status ?? 'eliminated',
    eliminatedAt: s?.eliminatedAt ?? null,
    rescued: s?.rescued ?? false,
    bell: s?.bell ?? false,
    canAnswer,
    eligible,
    round: cur ? cur.index : null,
    answer: answer ? structuredClone(answer.value) : null,
    correct: verdict === undefined ? null : verdict,
    outcome: seatOutcome(state, seat),
  };
}

/**
 * The light view for tablets and phones (the crowd room): no seat grid but the bell seats, no other
 * seat's verdict and no field summary — a seat hears its own status and outcome in `seat:self`.
 */
/** audience phones: the contestants' light view without who may answer (a phone always may) */
export function phoneView(view: PublicView): PublicView {
  return { ...view, round: view.round ? { ...view.round, eligibleSeats: [] } : null };
}

export function crowdView(view: PublicView): PublicView {
  return {
    ...view,
    seats: view.seats.filter((s) => s.bell),
    round: view.round ? { ...view.round, verdicts: null, outcome: null } : null,
  };
}

/** Current-round aggregates; null before the first question (nothing to tally). */
export function tallyOf(state: ShowState): EngineTally | null {
  const cur = currentRound(state);
  if (!cur) return null;
  const answeredSeats = Object.keys(cur.answers)
    .map(Number)
    .sort((a, b) => a - b);
  return {
    round: cur.index,
    answered: answeredSeats.length,
    eligible: cur.eligibleSeats.length,
    answeredSeats,
    distribution: distributionOf(state, cur, roundQuestion(state, cur)),
  };
}
