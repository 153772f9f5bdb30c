/**
 * Where throttle states live. Shared by every node when it is the store's own document collection
 * (SQLite file or Redis: compare-and-set on the revision), or in memory for unit tests. A step is a
 * pure function and may run more than once when another node changed the key meanwhile.
 */
import type { WorkspaceStore } from '../storage/workspace/port.ts';
import type { ThrottleState } from './throttle.ts';

export type Step<T> = (current: ThrottleState | null) => { state: ThrottleState | null; result: T };

export interface ThrottleBook {
  /** atomically replaces the key's state by what `step` makes of it; returns the step's result */
  update<T>(key: string, step: Step<T>): Promise<T>;
  read(key: string): Promise<ThrottleState | null>;
}

export function memoryThrottleBook(): ThrottleBook {
  const states = new Map<string, ThrottleState>();
  return {
    async update(key, step) {
      const { state, result } = step(states.get(key) ?? null);
      if (state) states.set(key, state);
      else states.delete(key);
      return result;
    },
    async read(key) {
      return states.get(key) ?? null;
    },
  };
}

export const THROTTLE_COLLECTION = 'sign-in-throttle';
const MAX_TRIES = 20;

/**
 * On the workspace document store: one document per key, written only if its revision did not move.
 * Updates of one key are queued on this node, so compare-and-set only ever races another node.
 */
export function documentThrottleBook(ws: WorkspaceStore, collection = THROTTLE_COLLECTION): ThrottleBook {
  const queues = new Map<string, Promise<unknown>>();

  async function compareAndSet<T>(key: string, step: Step<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      const stored = await ws.get<ThrottleState>(collection, key);
      const { state, result } = step(stored?.doc ?? null);
      if (!stored && !state) return result;
      try {
        await ws.write([
          state
            ? { op: 'put', collection, id: key, doc: state, expect: stored ? stored.rev : 'absent' }
            : { op: 'delete', collection, id: key, expect: stored!.rev },
        ]);
        return result;
      } catch (err) {
        // another node's attempt on the same key got in first: judge again on what it left
        if ((err as { code?: string }).code !== 'CONFLICT' || tries >= MAX_TRIES) throw err;
        // a random pause, so the same node does not win every round
        await new Promise((r) => setTimeout(r, Math.random() * 4 * (tries + 1)));
      }
    }
  }

  return {
    update(key, step) {
      const run = (queues.get(key) ?? Promise.resolve()).then(
        () => compareAndSet(key, step),
        () => compareAndSet(key, step),
      );
      const settled = run.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return run;
    },
    async read(key) {
      return (await ws.get<ThrottleState>(collection, key))?.doc ?? null;
    },
  };
}
