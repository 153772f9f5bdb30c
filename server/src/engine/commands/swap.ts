/** Backup question (câu dự phòng): the current question is withdrawn, its answers and effects are void. */
import type { HostCommand } from '@cv/shared/protocol';
import { refold } from '../rules/standing.ts';
import { currentRound, nextUnusedQuestion, questionById, usedQuestionIds, withRound } from '../state.ts';
import type { Round, ShowState } from '../types.ts';
import { accept, reject, type Step } from './result.ts';

type SwapCommand = Extract<HostCommand, { type: 'question:swap' }>;

export function swapQuestion(state: ShowState, cmd: SwapCommand): Step {
  const cur = currentRound(state);
  if (!cur) return reject('NO_ROUND', 'no question to replace');
  let backupId = cmd.backupId;
  if (backupId !== undefined) {
    const q = questionById(state, backupId);
    if (!q) return reject('QUESTION_NOT_FOUND', `no question ${backupId}`);
    if (q.pool !== 'backup') return reject('NOT_BACKUP', `question ${backupId} is not a backup question`);
    if (usedQuestionIds(state).has(backupId))
      return reject('QUESTION_USED', `question ${backupId} was already used`);
  } else {
    const q = nextUnusedQuestion(state, 'backup');
    if (!q) return reject('QUESTION_NOT_FOUND', 'no backup question left');
    backupId = q.id;
  }
  const backup = questionById(state, backupId)!;
  const replacement: Round = {
    index: state.rounds.length,
    mode: cur.mode,
    number: cur.number,
    questionId: backupId,
    eligibleSeats: cur.eligibleSeats.slice(),
    optionsHidden: false,
    phase: 'shown',
    deadline: null,
    remainingMs: backup.timeLimitSec * 1000,
    answers: {},
    verdicts: null,
    revisions: [],
    voided: false,
  };
  const voided = withRound(state, { ...cur, voided: true, deadline: null });
  const withNew = { ...voided, rounds: [...voided.rounds, replacement], current: replacement.index };
  // only a revealed round had effects, but replaying is cheap and keeps one code path
  const { state: next } = refold(withNew);
  return accept(next, [{ type: 'question-swapped', round: replacement.index }]);
}
