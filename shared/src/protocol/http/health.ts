/** HTTP: GET /api/health — is the server up, and which shows could not be recovered. */

/** why a stored show could not be brought back (see docs/architecture.md, recovery) */
export const SHOW_PROBLEM_CODES = [
  'REPLAY_DIVERGED', // today's engine does not reproduce the log
  'ENGINE_TOO_NEW', // the log or snapshot was written by a newer engine than this server's
  'ENGINE_TOO_OLD', // written by an engine whose log this one no longer replays, and no usable snapshot
  'RECOVERY_FAILED', // anything else: unreadable record, store error
] as const;
export type ShowProblemCode = (typeof SHOW_PROBLEM_CODES)[number];

export interface ShowProblem {
  code: ShowProblemCode;
  message: string;
}

export interface UnavailableShow extends ShowProblem {
  showId: string;
}

export interface HealthResponse {
  /** 'degraded' while some show is unavailable; the server itself still serves every other show */
  status: 'ok' | 'degraded';
  /** 'memory' only in tests */
  store: 'sqlite' | 'redis' | 'memory';
  /** shows that run */
  shows: number;
  unavailable: UnavailableShow[];
  serverNow: number;
  /** the show engine's version (recorded with every log record) */
  engineVersion: number;
  /** many nodes (Redis store): this node's NODE_ID and the shows whose lease it holds; absent on one embedded node */
  node?: {
    id: string;
    owns: string[];
    /** since start, leases this node lost, by why: taken, unconfirmed, stalled, fenced, storageFailed */
    leasesLost: Record<string, number>;
    /**
     * since start, requests this node answered OWNER_UNAVAILABLE, by why: noOwner (none took the show in
     * time), ownerLeft (the owner changed while waiting), timeout (the owner did not answer), notOwner
     * (it arrived here after this node lost the show), stopping
     */
    ownerUnavailable: Record<string, number>;
  };
}

export interface HealthRoutes {
  'GET /api/health': { params: never; body: never; response: HealthResponse };
}
