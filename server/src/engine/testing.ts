/** Test fixtures for the engine's own tests: a small show and a driver that throws on rejection. */
import {
  DEFAULT_RULES,
  type AnswerValue,
  type HostCommand,
  type Question,
  type ShowRules,
} from '@cv/shared/protocol';
import { applyCommand } from './reduce.ts';
import { createShowState } from './create.ts';
import type { Actor, EngineCommand, Outcome, ShowSetup, ShowState } from './types.ts';

export const HOST: Actor = { role: 'host', id: 'host' };
export const JUDGE: Actor = { role: 'judge', id: 'judge' };
export const SYSTEM: Actor = { role: 'system', id: 'system' };
export const player = (seat: number): Actor => ({ role: 'player', id: `seat:${seat}` });

export const single = (
  id: string,
  correct = 0,
  pool: Question['pool'] = 'main',
  extra: Partial<Question> = {},
): Question => ({
  id,
  kind: 'single',
  pool,
  prompt: `Question ${id}?`,
  options: ['A', 'B', 'C', 'D'],
  timeLimitSec: 10,
  key: { kind: 'single', answer: correct },
  ...extra,
});

export const textQ = (id: string, accepted: string[], pool: Question['pool'] = 'main'): Question => ({
  id,
  kind: 'text',
  pool,
  prompt: `Text ${id}?`,
  timeLimitSec: 10,
  key: { kind: 'text', accepted },
});

export function rules(over: Partial<ShowRules> = {}): ShowRules {
  return { ...structuredClone(DEFAULT_RULES), ...over };
}

export function makeShow(
  opts: {
    seats?: number;
    rules?: Partial<ShowRules>;
    questions?: Question[];
    units?: (string | undefined)[];
  } = {},
): ShowState {
  const n = opts.seats ?? 5;
  const questions = opts.questions ?? [
    single('m1', 0),
    single('m2', 1),
    single('m3', 2),
    single('m4', 3),
    single('m5', 0),
    single('b1', 1, 'backup'),
    single('b2', 2, 'backup'),
    single('r1', 0, 'rescue'),
    single('g1', 3, 'golden'),
    single('t1', 0, 'tiebreak'),
    single('t2', 1, 'tiebreak'),
  ];
  return createShowState({
    showId: 'show-1',
    title: 'Rung chuông vàng',
    rules: rules(opts.rules),
    seats: Array.from({ length: n }, (_, i) => ({
      seat: i + 1,
      name: `Thí sinh ${i + 1}`,
      ...(opts.units?.[i] ? { unit: opts.units[i] } : {}),
    })),
    questions,
  });
}

/** the setup a runner is created from, for the same small show */
export function makeSetup(opts: Parameters<typeof makeShow>[0] = {}): ShowSetup {
  const state = makeShow(opts);
  return {
    showId: state.showId,
    title: state.title,
    rules: state.rules,
    seats: state.seats.map((s) => ({ seat: s.seat, name: s.name, ...(s.unit ? { unit: s.unit } : {}) })),
    questions: state.questions,
  };
}

type HostPayload<T extends HostCommand['type']> = Omit<Extract<HostCommand, { type: T }>, 'type' | 'version'>;

/** Drives a show; every step must be accepted unless `try*` is used. */
export class Driver {
  now = 1_000_000;
  events: Outcome[] = [];
  constructor(public state: ShowState) {}

  try(command: EngineCommand, actor: Actor = HOST): Outcome {
    const out = applyCommand(this.state, command, actor, { now: this.now, rng: () => 0.5 });
    if (out.ok) this.state = out.state;
    this.events.push(out);
    return out;
  }
  do(command: EngineCommand, actor: Actor = HOST): Outcome & { ok: true } {
    const out = this.try(command, actor);
    if (!out.ok) throw new Error(`${command.type} rejected: ${out.error.code} ${out.error.message}`);
    return out;
  }
  host<T extends HostCommand['type']>(type: T, payload?: HostPayload<T>, actor: Actor = HOST) {
    return this.do(
      { type, version: this.state.controlVersion, ...(payload ?? {}) } as unknown as EngineCommand,
      actor,
    );
  }
  tryHost<T extends HostCommand['type']>(type: T, payload?: HostPayload<T>, actor: Actor = HOST) {
    return this.try(
      { type, version: this.state.controlVersion, ...(payload ?? {}) } as unknown as EngineCommand,
      actor,
    );
  }
  answer(seat: number, value: AnswerValue) {
    return this.do({ type: 'answer:submit', seat, round: this.state.current!, value }, player(seat));
  }
  tryAnswer(seat: number, value: AnswerValue) {
    return this.try({ type: 'answer:submit', seat, round: this.state.current!, value }, player(seat));
  }
  /** show → open → answers → lock → reveal; returns the reveal outcome */
  playMain(
    answers: Record<number, AnswerValue>,
    payload: HostPayload<'question:show'> = { mode: 'main', hideOptions: false },
  ) {
    this.host('question:show', payload);
    this.host('question:open');
    for (const [seat, v] of Object.entries(answers)) this.answer(Number(seat), v);
    this.host('question:lock');
    return this.host('question:reveal');
  }
  status(seat: number) {
    return this.state.seats.find((s) => s.seat === seat)!.status;
  }
  standing(): number[] {
    return this.state.seats.filter((s) => s.status === 'standing').map((s) => s.seat);
  }
}

export function started(opts: Parameters<typeof makeShow>[0] = {}): Driver {
  const d = new Driver(makeShow(opts));
  d.host('show:start');
  return d;
}
