/** What both adapters name the same way: counter keys and the slot of the prediction among answers. */
import type { RoundCounters, SaveTarget } from './port.ts';

/** the prediction is stored beside the answers, under an index no question has */
export const PREDICTION_INDEX = -1;

/** where a save goes among the attempt's answers, and the value as stored (JSON text) */
export function answerSlot(target: SaveTarget): [index: number, json: string] {
  return 'prediction' in target
    ? [PREDICTION_INDEX, JSON.stringify(target.prediction)]
    : [target.index, JSON.stringify(target.value)];
}

/** counters live under `r:<roundId>:…`; round ids are server-made (letters, digits, - and _) */
export const counterKeys = {
  registered: 'registered',
  roundPrefix: (round: string) => `r:${round}:`,
  started: (round: string) => `r:${round}:started`,
  submitted: (round: string) => `r:${round}:submitted`,
  participants: (round: string) => `r:${round}:participants`,
  unit: (round: string, unitId: string) => `r:${round}:u:${unitId}`,
  shown: (round: string, poolIndex: number) => `r:${round}:qs:${poolIndex}`,
  correct: (round: string, poolIndex: number) => `r:${round}:qc:${poolIndex}`,
  /** fold one counter (key without the round prefix) into the counters of a round */
  apply(out: RoundCounters, key: string, value: number): void {
    if (key === 'started') out.started = value;
    else if (key === 'submitted') out.submitted = value;
    else if (key === 'participants') out.participants = value;
    else if (key.startsWith('u:')) out.units.set(key.slice(2), value);
    else if (key.startsWith('qs:') || key.startsWith('qc:')) {
      const index = Number(key.slice(3));
      const q = out.questions.get(index) ?? { shown: 0, correct: 0 };
      if (key.startsWith('qs:')) q.shown = value;
      else q.correct = value;
      out.questions.set(index, q);
    }
  },
};
