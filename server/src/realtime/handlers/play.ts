/** Contestants answer; the audience plays along without touching the contestants' game. */
import { ok } from '@cv/shared/protocol';
import { roundAt } from '../../engine/index.ts';
import type { PartialHandlerTable } from './table.ts';

export const playHandlers: PartialHandlerTable<'answer:submit' | 'audience:answer'> = {
  'answer:submit': {
    roles: ['player'],
    async run({ session, runner, payload }) {
      const seat = session.seat!;
      const { round, value } = payload;
      const result = await runner.submit(
        { type: 'answer:submit', seat, round, value },
        { role: 'player', id: `seat:${seat}` },
      );
      if (!result.ok) return result;
      const recorded = roundAt(runner.state, round)?.answers[seat];
      return ok({ round, acceptedAt: recorded?.at ?? 0, value: recorded?.value ?? value });
    },
  },
  'audience:answer': {
    roles: ['audience'],
    run: ({ session, runner, payload }) =>
      runner.submitAudienceAnswer(session.audienceId!, payload.round, payload.value),
  },
};
