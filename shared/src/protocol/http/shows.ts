/** HTTP: the organizers' show routes (admin token) and what a login screen may read without one. */
import type { z } from 'zod';
import type { ShowStage } from '../model.ts';
import type { createShowSchema } from '../schemas.ts';
import type { ShowProblem } from './health.ts';

/** body of POST /api/shows */
export type CreateShowRequest = z.input<typeof createShowSchema>;

export interface SeatSecret {
  pin: string;
  /** what the seat card's QR code carries */
  joinToken: string;
}

export interface ShowSecrets {
  hostPin: string;
  judgePin: string;
  displayToken: string;
  /** seat number (a JSON key, so a string) → its PIN and join token */
  seats: Record<string, SeatSecret>;
}

export interface ShowUrls {
  host: string;
  board: string;
  audience: string;
  screen: string;
  /** the big screen as a transparent 1920×1080 lower-thirds layer for a stream mixer (OBS, vMix) */
  overlay: string;
}

/** a show with its secrets: the answer of POST /api/shows (201) and GET /api/shows/:id */
export interface ShowDetail {
  showId: string;
  title: string;
  createdAt: number;
  seatCount: number;
  questionCount: number;
  secrets: ShowSecrets;
  urls: ShowUrls;
}

/** one row of GET /api/shows */
export interface ShowListItem extends ShowDetail {
  /** null while the show is unavailable */
  stage: ShowStage | null;
  /** set when the show could not be recovered: its devices are refused with SHOW_UNAVAILABLE */
  problem?: ShowProblem;
}

/** GET /api/shows/:id/public — for login screens, no credentials */
export interface PublicShowInfo {
  showId: string;
  title: string;
  seatCount: number;
  stage: ShowStage;
}

export interface ShowRoutes {
  'POST /api/shows': { params: never; body: CreateShowRequest; response: ShowDetail };
  'GET /api/shows': { params: never; body: never; response: ShowListItem[] };
  'GET /api/shows/:id': { params: { id: string }; body: never; response: ShowDetail };
  'GET /api/shows/:id/public': { params: { id: string }; body: never; response: PublicShowInfo };
}
