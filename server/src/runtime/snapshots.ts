/** Snapshots every N accepted commands, so a restart replays only a tail of the log. */
import { ENGINE_VERSION } from '../engine/index.ts';
import type { ShowState } from '../engine/types.ts';
import type { Store } from '../storage/port.ts';

export const DEFAULT_SNAPSHOT_EVERY = 500;

export class Snapshotter {
  constructor(
    private readonly showId: string,
    private readonly store: Store,
    private lastVersion: number,
    private readonly every = DEFAULT_SNAPSHOT_EVERY,
    private readonly log?: (message: string, err?: unknown) => void,
  ) {}

  /** after each commit; the write is not awaited (the log already holds everything) */
  committed(state: ShowState): void {
    if (state.version - this.lastVersion < this.every) return;
    void this.save(state);
  }

  /** now, whatever the count (e.g. after a recovery through an older engine's records) */
  save(state: ShowState): Promise<void> {
    this.lastVersion = state.version;
    return this.store
      .saveSnapshot(this.showId, { version: state.version, state, engineVersion: ENGINE_VERSION })
      .catch((err) => this.log?.(`show ${this.showId}: snapshot failed`, err));
  }
}
