/** Contestants answer; the audience plays along without touching the contestants' game. */
import { answerSubmitSchema, ok, type AnswerValue } from '@cv/shared/protocol';
import { parsePayload } from '../../validation.ts';
import type { HandlerTable } from './table.ts';

export const playHandlers: HandlerTable = {
  'answer:submit': {
    roles: ['player'],
    async run({ session, runner, args }) {
      const parsed = parsePayload(answerSubmitSchema, args[0]);
      if (!parsed.ok) return parsed;
      const seat = session.seat!;
      const { round, value } = parsed.data;
      const result = await runner.submit(
        { type: 'answer:submit', seat, round, value: value as AnswerValue },
        { role: 'player', id: `seat:${seat}` },
      );
      if (!result.ok) return result;
      const recorded = runner.state.rounds[round]?.answers[seat];
      return ok({ round, acceptedAt: recorded?.at ?? 0, value: recorded?.value ?? value });
    },
  },
  'audience:answer': {
    roles: ['audience'],
    async run({ session, runner, args }) {
      const parsed = parsePayload(answerSubmitSchema, args[0]);
      if (!parsed.ok) return parsed;
      return runner.submitAudienceAnswer(
        session.audienceId!,
        parsed.data.round,
        parsed.data.value as AnswerValue,
      );
    },
  },
};
