import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  createShowSchema,
  QUESTION_KINDS,
  questionSchema,
  type QuestionKind,
  type QuestionPool,
} from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { demoMediaDir, demoShowInput } from './index.ts';
import { demoQuestions } from './questions.ts';
import { demoSeats } from './seats.ts';

const byPool = (pool: QuestionPool) => demoQuestions.filter((q) => q.pool === pool);

describe('demo questions', () => {
  it('every question passes questionSchema', () => {
    for (const q of demoQuestions) {
      const parsed = questionSchema.safeParse(q);
      expect(parsed.success, `${q.id}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
    }
  });

  it('has unique ids', () => {
    const ids = demoQuestions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the expected count per pool', () => {
    expect(byPool('main').length).toBeGreaterThanOrEqual(32);
    expect(byPool('backup')).toHaveLength(2);
    expect(byPool('tiebreak')).toHaveLength(3);
    expect(byPool('rescue')).toHaveLength(2);
    expect(byPool('golden')).toHaveLength(1);
  });

  it('main pool uses every kind, mostly single choice', () => {
    const main = byPool('main');
    const kinds: readonly QuestionKind[] = QUESTION_KINDS;
    for (const k of kinds)
      expect(
        main.some((q) => q.kind === k),
        k,
      ).toBe(true);
    const singles = main.filter((q) => q.kind === 'single').length;
    for (const k of kinds.filter((k) => k !== 'single')) {
      expect(singles).toBeGreaterThan(main.filter((q) => q.kind === k).length);
    }
  });

  it('single-choice questions have 4 options and a key in range', () => {
    for (const q of demoQuestions.filter((q) => q.kind === 'single')) {
      expect(q.options, q.id).toHaveLength(4);
      if (q.key.kind !== 'single') throw new Error(`${q.id}: key kind`);
      expect(q.key.answer, q.id).toBeGreaterThanOrEqual(0);
      expect(q.key.answer, q.id).toBeLessThan(q.options!.length);
    }
  });

  it('multi questions have 4–5 options and several correct ones', () => {
    for (const q of demoQuestions.filter((q) => q.kind === 'multi')) {
      if (q.key.kind !== 'multi') throw new Error(`${q.id}: key kind`);
      expect(q.options!.length, q.id).toBeGreaterThanOrEqual(4);
      expect(q.options!.length, q.id).toBeLessThanOrEqual(5);
      expect(q.key.answer.length, q.id).toBeGreaterThanOrEqual(2);
      expect(q.key.answer.length, q.id).toBeLessThan(q.options!.length);
      expect(new Set(q.key.answer).size, q.id).toBe(q.key.answer.length);
      for (const i of q.key.answer) expect(i, q.id).toBeLessThan(q.options!.length);
    }
  });

  it('every text question accepts at least 2 spellings', () => {
    for (const q of demoQuestions.filter((q) => q.kind === 'text')) {
      if (q.key.kind !== 'text') throw new Error(`${q.id}: key kind`);
      expect(q.key.accepted.length, q.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('has explanation, topic and a sensible time limit everywhere', () => {
    for (const q of demoQuestions) {
      expect(q.explanation?.trim(), q.id).toBeTruthy();
      expect(q.topic?.trim(), q.id).toBeTruthy();
      const min = q.kind === 'text' || q.kind === 'numeric' ? 30 : 15;
      expect(q.timeLimitSec, q.id).toBeGreaterThanOrEqual(min);
      expect(q.timeLimitSec, q.id).toBeLessThanOrEqual(30);
    }
  });

  it('references media files that exist on disk', () => {
    expect(isAbsolute(demoMediaDir)).toBe(true);
    const withMedia = demoQuestions.filter((q) => q.media);
    expect(withMedia.length).toBeGreaterThanOrEqual(2);
    for (const q of withMedia) {
      const url = q.media!.url;
      expect(url.startsWith('/media/'), q.id).toBe(true);
      const file = join(demoMediaDir, url.slice('/media/'.length));
      expect(existsSync(file), `${q.id}: ${file}`).toBe(true);
      expect(statSync(file).size, file).toBeGreaterThan(0);
    }
  });
});

describe('demo seats and show input', () => {
  it('has 20 numbered seats with names and units', () => {
    expect(demoSeats).toHaveLength(20);
    expect(demoSeats.map((s) => s.seat)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const s of demoSeats) {
      expect(s.name.trim()).toBeTruthy();
      expect(s.unit?.trim()).toBeTruthy();
    }
    expect(new Set(demoSeats.map((s) => s.name)).size).toBe(20);
  });

  it('is a valid create-show payload', () => {
    const parsed = createShowSchema.safeParse(demoShowInput);
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  });
});
