import type { PublicQuestion } from '@cv/shared/protocol';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { setupBoard } from '../../test/setup.ts';
import AnswerPad from './AnswerPad.vue';

const numeric: PublicQuestion = {
  id: 'n1',
  kind: 'numeric',
  prompt: 'Có bao nhiêu dịch vụ công thiết yếu theo Đề án 06?',
  timeLimitSec: 30,
};

function pad(draftText: string) {
  const { plugins } = setupBoard();
  return mount(AnswerPad, { props: { question: numeric, canAnswer: true, draftText }, global: { plugins } });
}

describe('AnswerPad: a number typed in words', () => {
  it('says to type digits instead of silently disabling Gửi', () => {
    const words = pad('mười hai');
    expect(words.get('[data-testid=send-typed]').attributes('disabled')).toBeDefined();
    expect(words.get('[data-testid=numeric-hint]').text()).toContain('chữ số');
  });

  it('no hint for digits (a decimal comma is fine) or an empty box', () => {
    for (const text of ['12', '3,5', '']) {
      const w = pad(text);
      expect(w.find('[data-testid=numeric-hint]').exists(), text).toBe(false);
    }
    expect(pad('25').get('[data-testid=send-typed]').attributes('disabled')).toBeUndefined();
  });
});
