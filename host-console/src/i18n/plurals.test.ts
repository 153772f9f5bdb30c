/** English counts read right ("1 seat may answer", "2 seats may answer"); Vietnamese has one form for all. */
import { describe, expect, it } from 'vitest';
import { createConsoleI18n } from './index.ts';

describe('console plurals through vue-i18n', () => {
  it('English picks singular or plural by the count; Vietnamese keeps its one form', () => {
    const en = createConsoleI18n({ locale: 'en', persist: false }).global;
    expect(en.t('question.eligible', { n: 1 }, 1)).toBe('1 seat may answer');
    expect(en.t('question.eligible', { n: 3 }, 3)).toBe('3 seats may answer');
    expect(en.t('rescue.summary', { n: 1, seats: '4' }, 1)).toBe('1 contestant returns: 4');
    expect(en.t('rescue.summary', { n: 2, seats: '4, 5' }, 2)).toBe('2 contestants return: 4, 5');
    const vi = createConsoleI18n({ locale: 'vi', persist: false }).global;
    expect(vi.t('question.eligible', { n: 1 }, 1)).toBe(vi.t('question.eligible', { n: 1 }));
  });
});
