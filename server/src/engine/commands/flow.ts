/** The question flow: start, show, options, open, lock, reveal. */
import type { HostCommand, ShowEvent } from '@cv/shared/protocol';
import { isCorrect } from '../rules/answers.ts';
import { refold } from '../rules/standing.ts';
import {
  currentRound,
  eliminatedSeats,
  nextMainNumber,
  nextUnusedQuestion,
  questionById,
  roundQuestion,
  standingSeats,
  usedQuestionIds,
  withRound,
} from '../state.ts';
import type { EngineContext, Round, ShowState } from '../types.ts';
import { accept, reject, type Step } from './result.ts';

type Cmd<T extends HostCommand['type']> = Extract<HostCommand, { type: T }>;

export function startShow(state: ShowState): Step {
  if (state.stage !== 'lobby') return reject('WRONG_STAGE', 'the show has already started');
  if (state.rehearsal)
    return reject('WRONG_PHASE', 'a rehearsal question is running: let it finish or cancel it first');
  return accept({ ...state, stage: 'running' }, [{ type: 'show-started' }]);
}

export function showQuestion(state: ShowState, cmd: Cmd<'question:show'>): Step {
  const cur = currentRound(state);
  if (cur && cur.phase !== 'revealed')
    return reject('WRONG_PHASE', 'the current question is not revealed yet');
  const mode = cmd.mode ?? 'main';

  let eligibleSeats: number[];
  if (mode === 'rescue') {
    eligibleSeats = eliminatedSeats(state);
    if (eligibleSeats.length === 0)
      return reject('INVALID_SEATS', 'nobody is eliminated: no rescue question');
  } else if (mode === 'tiebreak') {
    const wanted = cmd.seats ?? state.tieBreakSeats ?? [];
    const known = new Set(state.seats.map((s) => s.seat));
    const unique = [...new Set(wanted)];
    if (unique.length < 2 || unique.length !== wanted.length || unique.some((n) => !known.has(n))) {
      return reject('INVALID_SEATS', 'a tie-break needs at least two distinct known seats');
    }
    eligibleSeats = unique.sort((a, b) => a - b);
  } else {
    eligibleSeats = standingSeats(state);
    if (eligibleSeats.length === 0) return reject('INVALID_SEATS', 'nobody is standing');
  }

  let questionId = cmd.questionId;
  if (questionId !== undefined) {
    if (!questionById(state, questionId)) return reject('QUESTION_NOT_FOUND', `no question ${questionId}`);
    if (usedQuestionIds(state).has(questionId))
      return reject('QUESTION_USED', `question ${questionId} was already used`);
  } else {
    const q = nextUnusedQuestion(state, mode);
    if (!q) return reject('QUESTION_NOT_FOUND', `no unused question left in pool ${mode}`);
    questionId = q.id;
  }
  const question = questionById(state, questionId)!;

  const round: Round = {
    index: state.rounds.length,
    mode,
    number: mode === 'main' ? nextMainNumber(state) : null,
    questionId,
    eligibleSeats,
    optionsHidden: cmd.hideOptions ?? false,
    phase: 'shown',
    deadline: null,
    remainingMs: question.timeLimitSec * 1000,
    answers: {},
    verdicts: null,
    revisions: [],
    voided: false,
  };
  return accept({ ...state, rounds: [...state.rounds, round], current: round.index }, [
    { type: 'question-shown', round: round.index, mode },
  ]);
}

export function showOptions(state: ShowState): Step {
  const cur = currentRound(state);
  if (!cur) return reject('NO_ROUND', 'no question is shown');
  if (!cur.optionsHidden) return reject('WRONG_PHASE', 'the options are already shown');
  return accept(withRound(state, { ...cur, optionsHidden: false }));
}

export function openAnswering(state: ShowState, ctx: EngineContext): Step {
  const cur = currentRound(state);
  if (!cur) return reject('NO_ROUND', 'no question is shown');
  if (cur.phase !== 'shown') return reject('WRONG_PHASE', 'answering can only open on a shown question');
  const limit = cur.remainingMs ?? roundQuestion(state, cur).timeLimitSec * 1000;
  const deadline = ctx.now + limit;
  const round: Round = {
    ...cur,
    phase: 'answering',
    deadline,
    remainingMs: null,
    optionsHidden: false,
    openedAt: ctx.now,
  };
  return accept(withRound(state, round), [{ type: 'answering-opened', round: cur.index, deadline }]);
}

export function lockAnswering(state: ShowState, auto: boolean, roundIndex?: number): Step {
  const cur = currentRound(state);
  if (!cur) return reject('NO_ROUND', 'no question is shown');
  // a timer for an older round, or one that lost the race with the MC's lock, is refused harmlessly
  if (roundIndex !== undefined && roundIndex !== cur.index)
    return reject('WRONG_PHASE', 'that round is not current');
  if (cur.phase !== 'answering') return reject('WRONG_PHASE', 'answering is not open');
  const round: Round = { ...cur, phase: 'locked', deadline: null, remainingMs: null };
  return accept(withRound(state, round), [{ type: 'locked', round: cur.index, auto }]);
}

/** Machine verdicts for the eligible seats; a missing answer is wrong or simply not judged. */
function machineVerdicts(state: ShowState, round: Round): Record<number, boolean> {
  const question = roundQuestion(state, round);
  const verdicts: Record<number, boolean> = {};
  for (const seat of round.eligibleSeats) {
    const answer = round.answers[seat];
    if (answer) verdicts[seat] = isCorrect(question, answer.value, state.rules.textMatch);
    else if (state.rules.noAnswerIsWrong) verdicts[seat] = false;
  }
  return verdicts;
}

export function reveal(state: ShowState): Step {
  const cur = currentRound(state);
  if (!cur) return reject('NO_ROUND', 'no question is shown');
  if (cur.phase !== 'locked') return reject('WRONG_PHASE', 'lock answering before the reveal');

  const before = new Map(state.seats.map((s) => [s.seat, s.status]));
  const round: Round = { ...cur, phase: 'revealed', verdicts: machineVerdicts(state, cur) };
  const withEffect: ShowState = {
    ...withRound(state, round),
    effects: [...state.effects, { type: 'round', round: round.index }],
  };
  const { state: folded, fold } = refold(withEffect);

  const eliminated: number[] = [];
  const returned: number[] = [];
  for (const s of folded.seats) {
    const was = before.get(s.seat);
    if (was === 'standing' && s.status === 'eliminated') eliminated.push(s.seat);
    if (was === 'eliminated' && s.status === 'standing') returned.push(s.seat);
  }
  const events: ShowEvent[] = [
    {
      type: 'revealed',
      round: round.index,
      eliminated,
      returned,
      allWrong: fold.allWrong.get(round.index) ?? false,
    },
  ];

  let next = folded;
  if (round.mode === 'main') next = autoRescue(folded, state, round, events);
  if (round.mode === 'golden') {
    const rung = round.eligibleSeats.filter((n) => next.seats.find((s) => s.seat === n)?.bell);
    if (rung.length > 0) events.push({ type: 'bell-rung', seats: rung });
  }
  return accept(next, events);
}

/**
 * Automatic rescue after a main reveal: after listed question numbers, or when this reveal made the
 * number standing fall to the threshold (falling to it, not being at it, so one rescue per drop).
 */
function autoRescue(state: ShowState, before: ShowState, round: Round, events: ShowEvent[]): ShowState {
  const rule = state.rules.autoRescue;
  const out = eliminatedSeats(state);
  if (out.length === 0) return state;
  const standingNow = state.seats.length - out.length;
  const standingBefore = standingSeats(before).length;
  const atNumber = round.number !== null && rule.afterQuestionNumbers.includes(round.number);
  const atThreshold =
    rule.whenStandingAtMost !== null &&
    standingNow <= rule.whenStandingAtMost &&
    standingBefore > rule.whenStandingAtMost;
  if (!atNumber && !atThreshold) return state;
  const rescued = refold({
    ...state,
    effects: [...state.effects, { type: 'rescue', seats: out, how: 'auto' }],
  }).state;
  events.push({ type: 'rescued', seats: out, how: 'auto' });
  return rescued;
}
