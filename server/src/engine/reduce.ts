/** applyCommand: who may do what, when; then dispatch by command type and stamp the version. */
import {
  HOST_COMMAND_NAMES,
  JUDGE_COMMAND_NAMES,
  type HostCommand,
  type HostCommandName,
} from '@cv/shared/protocol';
import { submitAnswer } from './commands/answers.ts';
import { confirmPrizes, finishShow, updateSeat } from './commands/finish.ts';
import {
  lockAnswering,
  openAnswering,
  reveal,
  showOptions,
  showQuestion,
  startShow,
} from './commands/flow.ts';
import { pause, recover, resume } from './commands/pause.ts';
import { applyRescue } from './commands/rescue.ts';
import { rehearsalStep, rehearse } from './commands/rehearsal.ts';
import { reject, type Step } from './commands/result.ts';
import { swapQuestion } from './commands/swap.ts';
import { reviseVerdict } from './commands/verdicts.ts';
import type { Actor, EngineCommand, EngineContext, Outcome, ShowState } from './types.ts';

const HOST_NAMES = new Set<string>(HOST_COMMAND_NAMES);
const JUDGE_NAMES = new Set<string>(JUDGE_COMMAND_NAMES);
/** the MC can still fix things while the show is paused */
const ALLOWED_WHILE_PAUSED = new Set<HostCommandName>([
  'show:resume',
  'verdict:revise',
  'seat:update',
  'question:swap',
]);
/** commands that do not need stage 'running' (each checks its own stage) */
const ANY_STAGE = new Set<HostCommandName>([
  'show:start',
  'seat:update',
  'prizes:confirm',
  'verdict:revise',
  'preshow:rehearse',
]);

export function applyCommand(
  state: ShowState,
  command: EngineCommand,
  actor: Actor,
  ctx: EngineContext,
): Outcome {
  const step = dispatch(state, command, actor, ctx);
  if (!step.ok) return step;
  const version = state.version + 1;
  // answers do not make the MC's pending commands stale: only control commands move controlVersion
  const controlVersion = command.type === 'answer:submit' ? state.controlVersion : version;
  return { ok: true, state: { ...step.state, version, controlVersion }, events: step.events };
}

function dispatch(state: ShowState, command: EngineCommand, actor: Actor, ctx: EngineContext): Step {
  switch (command.type) {
    case 'answer:submit': {
      if (actor.role !== 'player' && actor.role !== 'host')
        return reject('FORBIDDEN', 'only contestants answer');
      const own = /^seat:(\d+)$/.exec(actor.id);
      if (actor.role === 'player' && (!own || Number(own[1]) !== command.seat)) {
        return reject('FORBIDDEN', 'a contestant answers only for their own seat');
      }
      return submitAnswer(state, command, ctx);
    }
    case 'system:lock':
      if (actor.role !== 'system') return reject('FORBIDDEN', 'system only');
      if (state.stage !== 'running') return reject('WRONG_STAGE', 'the show is not running');
      // a timer firing during a pause is stale: refused harmlessly like any other off-phase lock
      if (state.paused) return reject('WRONG_PHASE', 'the show is paused: the clock is stopped');
      return lockAnswering(state, true, command.round);
    case 'system:recover':
      if (actor.role !== 'system') return reject('FORBIDDEN', 'system only');
      return recover(state, command.lastSeenAt);
    case 'system:rehearsal-step':
      if (actor.role !== 'system') return reject('FORBIDDEN', 'system only');
      return rehearsalStep(state, command.round, command.from, ctx);
    default:
      return hostCommand(state, command, actor, ctx);
  }
}

function hostCommand(state: ShowState, command: HostCommand, actor: Actor, ctx: EngineContext): Step {
  if (!HOST_NAMES.has(command.type))
    return reject('UNKNOWN_EVENT', `unknown command ${String(command.type)}`);
  if (actor.role === 'player') return reject('FORBIDDEN', 'contestants may only answer');
  if (actor.role === 'judge' && !JUDGE_NAMES.has(command.type))
    return reject('FORBIDDEN', 'judges may only revise verdicts or pause');
  if (typeof command.version !== 'number' || command.version < state.controlVersion) {
    return reject('STALE_VERSION', 'the show changed since this command was built; look again');
  }
  if (!ANY_STAGE.has(command.type) && state.stage !== 'running')
    return reject('WRONG_STAGE', 'the show is not running');
  if (state.paused && !ALLOWED_WHILE_PAUSED.has(command.type)) return reject('PAUSED', 'the show is paused');

  switch (command.type) {
    case 'show:start':
      return startShow(state);
    case 'question:show':
      return showQuestion(state, command);
    case 'question:options':
      return showOptions(state);
    case 'question:open':
      return openAnswering(state, ctx);
    case 'question:lock':
      return lockAnswering(state, false);
    case 'question:reveal':
      return reveal(state);
    case 'question:swap':
      return swapQuestion(state, command);
    case 'show:pause':
      return pause(state, ctx, actor);
    case 'show:resume':
      return resume(state, ctx);
    case 'rescue:apply':
      return applyRescue(state, command);
    case 'verdict:revise':
      // judges rule after the broadcast too (the Olympia precedent), so a finished show can be revised
      if (state.stage === 'lobby') return reject('WRONG_STAGE', 'the show has not started');
      return reviseVerdict(state, command, actor, ctx);
    case 'show:finish':
      return finishShow(state);
    case 'prizes:confirm':
      return confirmPrizes(state, command);
    case 'seat:update':
      return updateSeat(state, command);
    case 'preshow:rehearse':
      return rehearse(state, command, ctx);
  }
}
