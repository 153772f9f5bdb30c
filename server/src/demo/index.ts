/** The demo show: a ready-made "Rung chuông vàng" for Đề án 06, with its media folder. */
import { fileURLToPath } from 'node:url';
import { demoQuestions } from './questions.ts';
import { demoSeats } from './seats.ts';

export { demoQuestions } from './questions.ts';
export { demoSeats } from './seats.ts';

export const demoShowInput = {
  title: 'Rung chuông vàng — Đề án 06: Chuyển đổi số, vì lợi ích cộng đồng',
  seats: demoSeats,
  questions: demoQuestions,
};

/** Absolute path of the folder served under /media/ for the demo questions. */
export const demoMediaDir: string = fileURLToPath(new URL('./media/', import.meta.url));
