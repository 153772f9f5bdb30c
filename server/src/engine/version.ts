/**
 * The engine's version, recorded with every log record and snapshot so a restarted server knows which
 * rules wrote a show's history (see docs/architecture.md, "Recovery").
 *
 * Bump ENGINE_VERSION whenever a change could make the same commands produce a different state or a
 * different acceptance (a rule, a default, the shape of ShowState). If today's engine still replays
 * the older logs exactly, leave OLDEST_REPLAYABLE_ENGINE; if it does not, raise it to the new version:
 * older records are then no longer replayed, and a show whose history needs them starts from its
 * newest snapshot instead (or is reported unavailable when no snapshot covers them).
 */
// 3: the state keeps who paused (pausedBy); older logs replay exactly, older snapshots lack the field
// 4: the pre-show rehearsal question (state.rehearsal, preshow:rehearse, system:rehearsal-step); older
//    logs replay exactly (they hold none of it), older snapshots lack the field (read as none running)
export const ENGINE_VERSION = 4;
/** 1 = records written before versions were recorded (null in the store) */
export const LEGACY_ENGINE_VERSION = 1;
export const OLDEST_REPLAYABLE_ENGINE = 1;
