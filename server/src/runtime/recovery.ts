/**
 * Rebuilding one show from the store: the newest snapshot plus a verified replay of the log after it.
 *
 * Policy for logs written by other engines (every record and snapshot carries its engine version):
 * - A record or snapshot from a NEWER engine than this server's: the show is unavailable
 *   (ENGINE_TOO_NEW); we never guess at rules we do not know.
 * - Records from an engine this one declares replay-compatible (≥ OLDEST_REPLAYABLE_ENGINE, legacy
 *   records without a version count as engine 1) are replayed with today's engine and checked record
 *   by record: same version numbers, every logged acceptance accepted again. A difference: the show is
 *   unavailable (REPLAY_DIVERGED).
 * - Records from an older engine that is no longer replayable are not replayed: the stored snapshot
 *   that the older engine produced is trusted if it covers them all; otherwise the show is unavailable
 *   (ENGINE_TOO_OLD).
 * After a recovery that went through records of an older engine the runner writes a snapshot at once,
 * so later starts no longer depend on those records.
 *
 * A failure here concerns one show only: the caller reports it and runs the others.
 */
import type { ShowProblem } from '@cv/shared/protocol';
import {
  applyCommand,
  createShowState,
  ENGINE_VERSION,
  LEGACY_ENGINE_VERSION,
  OLDEST_REPLAYABLE_ENGINE,
} from '../engine/index.ts';
import type { Actor, EngineCommand, ShowSetup, ShowState } from '../engine/types.ts';
import type { AudienceAnswerRecord, CommandRecord, Store } from '../storage/port.ts';
import { seededRng } from './rng.ts';

export interface ReplayPolicy {
  engineVersion: number;
  oldestReplayable: number;
}

export const CURRENT_POLICY: ReplayPolicy = {
  engineVersion: ENGINE_VERSION,
  oldestReplayable: OLDEST_REPLAYABLE_ENGINE,
};

export interface RecoveredShow {
  state: ShowState;
  audience: AudienceAnswerRecord[];
  /** the latest time anything was recorded: a show caught answering is paused as of then */
  lastSeenAt: number;
  /** the log held records of an older engine than this one (a fresh snapshot is due) */
  olderRecords: boolean;
}

export type Recovery = { ok: true; show: RecoveredShow } | { ok: false; problem: ShowProblem };

const engineOf = (v: number | null | undefined) => v ?? LEGACY_ENGINE_VERSION;
const problem = (code: ShowProblem['code'], message: string): Recovery => ({
  ok: false,
  problem: { code, message },
});

export async function recoverShow(
  setup: ShowSetup,
  store: Store,
  policy = CURRENT_POLICY,
): Promise<Recovery> {
  try {
    return await recover(setup, store, policy);
  } catch (err) {
    return problem('RECOVERY_FAILED', `could not read the show's history: ${String(err)}`);
  }
}

async function recover(setup: ShowSetup, store: Store, policy: ReplayPolicy): Promise<Recovery> {
  const snapshot = await store.loadSnapshot(setup.showId);
  if (snapshot && engineOf(snapshot.engineVersion) > policy.engineVersion)
    return problem(
      'ENGINE_TOO_NEW',
      `snapshot written by engine ${engineOf(snapshot.engineVersion)}; this server runs engine ${policy.engineVersion}`,
    );
  let state = snapshot ? (snapshot.state as ShowState) : createShowState(setup);
  const tail = await store.loadCommands(setup.showId, state.version);
  const newer = tail.find((r) => engineOf(r.engineVersion) > policy.engineVersion);
  if (newer)
    return problem(
      'ENGINE_TOO_NEW',
      `record ${newer.version} written by engine ${engineOf(newer.engineVersion)}; this server runs engine ${policy.engineVersion}`,
    );
  // records before the snapshot need no replay; one after it that this engine may not replay is fatal
  const unreplayable = tail.find((r) => engineOf(r.engineVersion) < policy.oldestReplayable);
  if (unreplayable)
    return problem(
      'ENGINE_TOO_OLD',
      `record ${unreplayable.version} was written by engine ${engineOf(unreplayable.engineVersion)}, which this server ` +
        `(engine ${policy.engineVersion}) no longer replays, and no snapshot covers it`,
    );

  const replayed = replay(setup.showId, state, tail);
  if (!replayed.ok) return replayed;
  state = replayed.state;

  const audience = await store.loadAudienceAnswers(setup.showId);
  const lastSeenAt = Math.max(tail.at(-1)?.at ?? 0, ...audience.map((a) => a.at));
  return {
    ok: true,
    show: {
      state,
      audience,
      lastSeenAt,
      olderRecords: tail.some((r) => engineOf(r.engineVersion) < policy.engineVersion),
    },
  };
}

/** today's engine over the tail, record by record: it must accept each one and reach the same version */
function replay(
  showId: string,
  from: ShowState,
  tail: CommandRecord[],
): { ok: true; state: ShowState } | { ok: false; problem: ShowProblem } {
  let state = from;
  for (const record of tail) {
    const actor: Actor = { role: record.role as Actor['role'], id: record.actorId };
    const outcome = applyCommand(state, record.payload as EngineCommand, actor, {
      now: record.at,
      rng: seededRng(showId, state.version + 1),
    });
    if (!outcome.ok || outcome.state.version !== record.version) {
      const why = outcome.ok
        ? `version ${outcome.state.version} instead`
        : `refused with ${outcome.error.code}`;
      return {
        ok: false,
        problem: {
          code: 'REPLAY_DIVERGED',
          message: `replay diverged at version ${record.version} (${record.type}): ${why}`,
        },
      };
    }
    state = outcome.state;
  }
  return { ok: true, state };
}
