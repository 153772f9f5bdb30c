/** English counts on the projector read right ("1 contestant out"); Vietnamese has one form for all. */
import { createAppI18n } from '@cv/shared/i18n';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { vi } from './vi.ts';

describe('big screen plurals through vue-i18n', () => {
  it('English picks singular or plural by the count; Vietnamese keeps its one form', () => {
    const eng = createAppI18n({ vi, en }, { locale: 'en', persist: false }).global;
    expect(eng.t('stage.eliminated', { n: 1 }, 1)).toBe('1 contestant out');
    expect(eng.t('stage.eliminated', { n: 6 }, 6)).toBe('6 contestants out');
    expect(eng.t('intro.seats', { n: 1 }, 1)).toBe('1 contestant');
    expect(eng.t('stage.returned', { n: 1 }, 1)).toBe('1 contestant is back');
    const viet = createAppI18n({ vi, en }, { locale: 'vi', persist: false }).global;
    expect(viet.t('stage.eliminated', { n: 1 }, 1)).toBe('1 thí sinh bị loại');
    expect(viet.t('stage.eliminated', { n: 6 }, 6)).toBe('6 thí sinh bị loại');
  });
});
