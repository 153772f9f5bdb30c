/**
 * The rehearsal's built-in sample question: never a bank question, so no real question or key leaks
 * before the show. Its options are place names (the same in every language); devices translate the
 * prompt and explanation by the round's mode (i18n `rehearsal.*`), the text here is the Vietnamese default.
 */
import type { Question } from '@cv/shared/protocol';

export const REHEARSAL_QUESTION: Question = {
  id: 'rehearsal:sample',
  kind: 'single',
  pool: 'main',
  prompt: 'Câu hỏi thử: Thủ đô của Việt Nam là thành phố nào?',
  options: ['Hà Nội', 'Huế', 'Đà Nẵng', 'Cần Thơ'],
  timeLimitSec: 10,
  key: { kind: 'single', answer: 0 },
  explanation: 'Đây là câu hỏi thử trước giờ diễn: không ai bị loại, kết quả không được tính.',
};

/** how long the rehearsal stays on each step before the engine moves it on (answering: the question's limit) */
export const REHEARSAL_STEP_MS = { shown: 4_000, locked: 2_000, revealed: 10_000 } as const;
