import type { NextStep } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { planStep } from './next-step.ts';

const proposedPrizes = [
  { prize: 'first' as const, seats: [3] },
  { prize: 'second' as const, seats: [7, 9] },
];
const plan = (nextStep: NextStep, hideOptions = false) =>
  planStep({ nextStep, proposedPrizes }, { hideOptions });

describe('planStep: the one primary button', () => {
  it.each([
    ['start', 'show:start', {}, false],
    ['show-question', 'question:show', { mode: 'main', hideOptions: false }, false],
    ['open', 'question:open', {}, false],
    ['lock', 'question:lock', {}, false],
    ['reveal', 'question:reveal', {}, true],
    ['golden-bell', 'question:show', { mode: 'golden', hideOptions: false }, false],
    ['finish', 'show:finish', {}, true],
    ['confirm-prizes', 'prizes:confirm', { awards: proposedPrizes }, true],
  ] as const)('%s sends %s', (step, name, payload, confirm) => {
    const p = plan(step);
    expect(p.command).toEqual({ name, payload });
    expect(p.confirm).toBe(confirm);
    expect(p.labelKey).toBe(`step.${step}`);
  });

  it('while paused the big button resumes, whatever comes next', () => {
    const p = planStep({ nextStep: 'lock', proposedPrizes, paused: true });
    expect(p).toMatchObject({ step: 'resume', labelKey: 'step.resume', confirm: false });
    expect(p.command).toEqual({ name: 'show:resume', payload: {} });
  });

  it('has nothing to send when the show is done', () => {
    expect(plan('done').command).toBeNull();
  });

  it('passes the MC choice to hide the options while reading', () => {
    expect(plan('show-question', true).command).toEqual({
      name: 'question:show',
      payload: { mode: 'main', hideOptions: true },
    });
    expect(plan('golden-bell', true).command?.payload).toMatchObject({ mode: 'golden', hideOptions: true });
  });

  it('covers every step the server can suggest', () => {
    const all: NextStep[] = [
      'start',
      'show-question',
      'open',
      'lock',
      'reveal',
      'golden-bell',
      'finish',
      'confirm-prizes',
      'done',
    ];
    for (const s of all) expect(plan(s).step).toBe(s);
  });
});
