import { describe, expect, it } from 'vitest';
import { autosaveBodySchema, submitBodySchema } from './online-schemas.ts';
import { answerValueSchema } from './kinds.ts';

describe('online answer values', () => {
  const values: unknown[] = [0, 3, -2.5, true, false, [0, 2], [], 'Hà Nội', 'x'.repeat(500)];
  const refused: unknown[] = [
    Number.NaN,
    Infinity,
    [1.5],
    [26],
    [-1],
    Array(27).fill(0),
    'x'.repeat(501),
    { a: 1 },
    undefined,
  ];

  it('accept exactly what the show’s answer schema accepts', () => {
    for (const value of [...values, ...refused]) {
      const online = autosaveBodySchema.safeParse({ index: 0, value }).success;
      expect(online, JSON.stringify(value)).toBe(answerValueSchema.safeParse(value).success);
    }
  });

  it('autosave takes one answer or the prediction, nothing else', () => {
    expect(autosaveBodySchema.safeParse({ index: 3, value: null }).success).toBe(true);
    expect(autosaveBodySchema.safeParse({ prediction: 1200 }).success).toBe(true);
    expect(autosaveBodySchema.safeParse({ index: 200, value: 1 }).success).toBe(false);
    expect(autosaveBodySchema.safeParse({ index: 1, value: 1, prediction: 3 }).success).toBe(false);
    expect(autosaveBodySchema.safeParse({ prediction: -1 }).success).toBe(false);
    expect(submitBodySchema.safeParse(undefined).success).toBe(true);
  });
});
