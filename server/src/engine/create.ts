/** A fresh show: lobby, nothing played, everyone standing. */
import type { ShowSetup, ShowState } from './types.ts';

export function createShowState(setup: ShowSetup): ShowState {
  return {
    showId: setup.showId,
    title: setup.title,
    rules: setup.rules,
    version: 0,
    controlVersion: 0,
    stage: 'lobby',
    paused: false,
    pausedBy: null,
    seats: setup.seats.map((s) => ({
      seat: s.seat,
      name: s.name,
      ...(s.unit ? { unit: s.unit } : {}),
      status: 'standing' as const,
      eliminatedAt: null,
      rescued: false,
      bell: false,
    })),
    questions: setup.questions.slice(),
    rounds: [],
    current: null,
    effects: [],
    tieBreakSeats: null,
    prizes: null,
    prizesConfirmed: false,
  };
}
