import { applyViewDelta } from '@cv/shared/client';
import type { PublicView } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { crowdView, currentRound, publicView } from '../engine/index.ts';
import { HOST, makeShow, player } from '../engine/testing.ts';
import { applyCommand } from '../engine/reduce.ts';
import type { EngineCommand, ShowState } from '../engine/types.ts';
import { viewDelta } from './view-delta.ts';

describe('crowd view deltas', () => {
  it('rebuild every view of a show exactly from the first one, carrying far fewer bytes', () => {
    let state: ShowState = makeShow({ seats: 20 });
    let t = 1_000_000;
    const step = (command: EngineCommand, actor = HOST) => {
      const out = applyCommand(state, command, actor, { now: (t += 500), rng: () => 0.5 });
      if (!out.ok) throw new Error(out.error.code);
      state = out.state;
    };
    const host = (type: string) => step({ type, version: state.controlVersion } as EngineCommand);
    const views: PublicView[] = [];
    const look = () => views.push(crowdView(publicView(state, new Set([1, 2]))));
    look();
    host('show:start');
    look();
    for (let q = 0; q < 3; q++) {
      for (const type of ['question:show', 'question:open']) {
        host(type);
        look();
      }
      for (const seat of currentRound(state)!.eligibleSeats)
        step({ type: 'answer:submit', seat, round: state.current!, value: seat % 3 ? 0 : 1 }, player(seat));
      for (const type of ['question:lock', 'question:reveal']) {
        host(type);
        look();
      }
    }
    let device = views[0];
    let fullBytes = 0;
    let deltaBytes = 0;
    for (let i = 1; i < views.length; i++) {
      const delta = viewDelta(views[i - 1], views[i]);
      expect(delta, `step ${i}`).not.toBeNull();
      device = applyViewDelta(device, {
        base: device.version,
        version: views[i].version,
        events: [],
        ...delta!,
      });
      expect(device).toEqual(views[i]);
      fullBytes += JSON.stringify(views[i]).length;
      deltaBytes += JSON.stringify(delta).length;
    }
    expect(deltaBytes).toBeLessThan(fullBytes / 2);
    // nothing changed: nothing to send
    expect(viewDelta(views.at(-1)!, views.at(-1)!)).toBeNull();
  });
});
