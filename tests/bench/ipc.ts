/** Messages between the orchestrator (run.ts) and load-client.ts child processes (Node IPC, JSON). */
import type { AuthPayload } from '@cv/shared/protocol';

export type DeviceRole = 'player' | 'screen' | 'audience';

export interface DeviceSpec {
  role: DeviceRole;
  auth: AuthPayload;
}

/** byte counters over the sampled sockets of one client process */
export interface ByteCounters {
  /** role → sampled sockets, received bytes, received frames */
  byRole: Record<string, { sockets: number; bytes: number; frames: number }>;
  /** socket.io event name ('ack', 'ping' for control frames) → received bytes, over all sampled sockets */
  byEvent: Record<string, { bytes: number; frames: number }>;
}

export type ToClient =
  | {
      t: 'connect';
      url: string;
      devices: DeviceSpec[];
      /** count bytes on every k-th socket (1 = all) */
      sampleEvery: number;
      /** handshakes in flight at most */
      concurrency: number;
      timeoutMs: number;
    }
  | { t: 'mark'; id: number }
  | { t: 'burst'; round: number; value: number; timeoutMs: number }
  | { t: 'collect' }
  | { t: 'close' };

export type FromClient =
  | { t: 'ready' }
  | { t: 'connected'; ok: number; failed: number; errors: string[]; ms: number }
  /** every connected socket of this process received `key` (= `${eventType}:${round}`) */
  | { t: 'seen'; key: string; count: number }
  | { t: 'mark'; id: number; counters: ByteCounters }
  | { t: 'answered'; round: number; ok: number; failed: number; errors: Record<string, number> }
  | {
      t: 'collected';
      /** key → receive times (Date.now(), one per socket) */
      recv: Record<string, number[]>;
      /** key → the server's `sentAt` stamp on that message, when it carries one */
      sentAt: Record<string, number>;
      /** round → ack latencies (ms) per role */
      acks: Record<string, { player: number[]; audience: number[] }>;
      /** one audience socket's copy of each public payload, for the baseline to replay */
      captured: CapturedPayloads;
      disconnects: number;
    }
  | { t: 'error'; message: string };

/** the public payloads an audience device received, keyed by phase, replayed by the bare baseline */
export interface CapturedPayloads {
  snapshot: unknown | null;
  /** phase ('running' | 'shown' | 'answering' | 'locked' | 'revealed') → last show:state view */
  states: Record<string, unknown>;
  /** event type → the show:state message whose events carried it */
  events: Record<string, unknown>;
  /** event type → the show:delta message (tablets and phones) whose events carried it */
  deltas?: Record<string, unknown>;
}

/** event types whose arrival the clients time-stamp */
export const TRACKED_EVENTS = [
  'show-started',
  'question-shown',
  'answering-opened',
  'locked',
  'revealed',
] as const;
export type TrackedEvent = (typeof TRACKED_EVENTS)[number];
