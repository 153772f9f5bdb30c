/**
 * Every client → server request, typed once: the zod schema of its payload (its input type IS the
 * payload type) and the data of its ack. The Socket.IO event map, the server's handler table and
 * the SDK's `request` are all derived from these two tables, so a change on one side only is a
 * compile error on the other.
 */
import { z } from 'zod';
import type { AnswerValue } from './model.ts';
import {
  answerSubmitSchema,
  auditRecentSchema,
  hostCommandSchemas,
  screenControlSchema,
  seatResetPinSchema,
  takeoverDecideSchema,
  type HostCommandName,
} from './schemas.ts';
import type { ShowMinutes } from './minutes.ts';
import type { JoinLinks, ScreenScene, Snapshot, TakeoverSettled } from './session.ts';

/** a request sent with only its ack callback: nothing to validate, anything sent is refused */
const noPayload = z.undefined();

export const requestSchemas = {
  ...hostCommandSchemas,
  'time:sync': z.number().finite(),
  'show:resync': noPayload,
  'answer:submit': answerSubmitSchema,
  'audience:answer': answerSubmitSchema,
  'seat:reset-pin': seatResetPinSchema,
  'seat:cards': noPayload,
  'audit:recent': auditRecentSchema.default({}),
  'preshow:check': noPayload,
  'show:minutes': noPayload,
  'screen:control': screenControlSchema,
  'seat:takeover-decide': takeoverDecideSchema,
} as const;

export type RequestName = keyof typeof requestSchemas;
export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];

/** what the server answers each request with (the `data` of `{ ok: true, data }`) */
export interface RequestAcks extends Record<HostCommandName, CommandReceipt> {
  /** clock sync: the client estimates its offset from the round trip */
  'time:sync': { serverNow: number; clientSentAt: number };
  /** full state again (the server also pushes it on every (re)connect) */
  'show:resync': Snapshot;
  'answer:submit': AnswerReceipt;
  'audience:answer': AudienceAnswerReceipt;
  'seat:reset-pin': SeatCredentials;
  /** host only: every seat's PIN and QR join token, for printable seat cards */
  'seat:cards': SeatCard[];
  /** host/judge: the latest audit entries, newest last */
  'audit:recent': AuditEntry[];
  /** host/judge: the biên bản (printable record) of the show so far */
  'show:minutes': ShowMinutes;
  /** host/judge: what the hall needs checked before the show (devices, clocks, store, QR address) */
  'preshow:check': PreshowCheck;
  /** host: the projector's scene now, and how many screens heard it */
  'screen:control': { scene: ScreenScene; screens: number };
  /** host: let the waiting device onto the seat (the connected tablet is then replaced) or refuse it */
  'seat:takeover-decide': TakeoverSettled;
}

/** one connected device as the server sees it */
export interface PreshowDevice {
  role: 'host' | 'judge' | 'player' | 'screen';
  seat?: number;
  /** server clock minus the device's clock at its last time sync, network delay included (null: not synced yet) */
  clockOffsetMs: number | null;
}

export interface PreshowCheck {
  /** where the show is kept; `durable`: an acknowledged answer survives a power cut of this machine */
  store: { kind: 'sqlite' | 'redis' | 'memory'; durable: boolean | 'depends' };
  devices: PreshowDevice[];
  audience: number;
  links: JoinLinks;
  scene: ScreenScene;
  serverNow: number;
}

// both tables name the same requests: a request added to one only is a compile error here
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : never;
const sameRequests: SameKeys<RequestAcks, typeof requestSchemas> = true;
void sameRequests;

/** the payload as a client sends it */
export type RequestPayload<E extends RequestName> = z.input<(typeof requestSchemas)[E]>;
/** the payload after validation (defaults filled in), as a handler receives it */
export type ParsedPayload<E extends RequestName> = z.output<(typeof requestSchemas)[E]>;
export type RequestAck<E extends RequestName> = RequestAcks[E];
/** the arguments after the event name, before the ack callback */
export type RequestArgs<E extends RequestName> =
  undefined extends RequestPayload<E> ? [] | [payload: RequestPayload<E>] : [payload: RequestPayload<E>];

export interface CommandReceipt {
  /** the state version the command produced */
  version: number;
}

export interface AnswerReceipt {
  round: number;
  /** server time the answer was accepted */
  acceptedAt: number;
  /** the value the server stored (what will be judged) */
  value: AnswerValue;
}

export interface AudienceAnswerReceipt {
  round: number;
  acceptedAt: number;
}

export interface SeatCredentials {
  seat: number;
  pin: string;
  joinToken: string;
}

export interface SeatCard extends SeatCredentials {
  name: string;
  unit?: string;
  /** absolute URL the seat's QR code should encode */
  joinUrl: string;
  /** printed under the QR to type by hand (then seat + PIN), e.g. 192.168.1.20:3000/s/demo */
  shortUrl: string;
}

export interface AuditEntry {
  at: number;
  version: number | null;
  actorId: string;
  role: string;
  type: string;
  payload: unknown;
  outcome: string;
}
