import { describe, expect, it } from 'vitest';
import { HOST } from '../engine/testing.ts';
import { localRoute, soleOwner, type Applier } from './command-route.ts';

describe('command route and ownership', () => {
  const applier = (): Applier & { calls: number } => {
    const a = {
      calls: 0,
      submit: async () => {
        a.calls++;
        return { ok: true as const, data: { version: 1 } };
      },
    };
    return a;
  };

  it('one node: the sole owner hands every command to the local applier', async () => {
    const a = applier();
    const route = localRoute(a, soleOwner);
    expect(await route.submit({ type: 'show:start', version: 0 }, HOST)).toEqual({
      ok: true,
      data: { version: 1 },
    });
    expect(a.calls).toBe(1);
  });

  it('a node that may not apply the commands refuses them before the applier sees them', async () => {
    const a = applier();
    const route = localRoute(a, {
      refusal: () => ({ code: 'FORBIDDEN', message: 'another node owns this show' }),
    });
    expect(await route.submit({ type: 'show:start', version: 0 }, HOST)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'another node owns this show' },
    });
    expect(a.calls).toBe(0);
  });
});
