/**
 * The audience play-along of one show: phones' answers are admitted by the engine's rule, stored before
 * they are acknowledged, kept in memory beside (not inside) the show state, and their results fanned out.
 * The ranking is cached: scores only move on a reveal, a revision or a withdrawn question.
 */
import {
  fail,
  ok,
  type Ack,
  type AnswerValue,
  type AudienceAnswerReceipt,
  type AudienceBoardRow,
  type AudienceSelf,
} from '@cv/shared/protocol';
import {
  admitAudienceAnswer,
  audienceLeaderboard,
  audienceSelfOf,
  currentRound,
  type AudienceLeaderboard,
} from '../engine/index.ts';
import type { ShowState } from '../engine/types.ts';
import { StoreError, type Store } from '../storage/port.ts';
import { AudienceBook, type AudienceAnswer } from './audience-book.ts';
import type { AudienceFanout } from './publisher.ts';
import type { Timers } from './timers.ts';
import type { ShowTransport } from './transport.ts';

export const AUDIENCE_BOARD_SIZE = 10;
/** personal messages per event-loop turn: the MC's next command is never stuck behind thousands of them */
export const AUDIENCE_SELF_SLICE = 250;

export interface AudienceChannelDeps {
  showId: string;
  store: Store;
  timers: Timers;
  transport: () => ShowTransport;
  /** the latest applied state: answers are admitted against it */
  applied: () => ShowState;
  /** the latest committed state: results are shown from it */
  committed: () => ShowState;
  /** may the show take answers at all (false once its storage failed) */
  writable: () => boolean;
  /** an answer was stored (the tally tick counts it) */
  onAnswer?: () => void;
  /** an answer this node stored (the other nodes hear of it) */
  onStored?: (answer: AudienceAnswer) => void;
  sliceSize?: number;
}

export class AudienceChannel implements AudienceFanout {
  private readonly book = new AudienceBook();
  private ranking: AudienceLeaderboard | null = null;
  private generation = 0;
  private closed = false;

  constructor(private readonly deps: AudienceChannelDeps) {}

  /** a phone connected; a reconnect without a name keeps the one given before */
  join(audienceId: string, name: string): void {
    this.book.join(audienceId, name);
  }

  /** answers stored before a restart */
  restore(answers: readonly AudienceAnswer[]): void {
    for (const a of answers) this.book.record(a);
    this.ranking = null;
  }

  /** `name`: the phone's name when it is connected to another node (many nodes) */
  async answer(
    audienceId: string,
    round: number,
    value: AnswerValue,
    name = this.book.nameOf(audienceId) ?? '',
  ): Promise<Ack<AudienceAnswerReceipt>> {
    if (!this.deps.writable()) return fail('STORAGE_FAILED', 'storage failed');
    const now = this.deps.timers.now();
    const admitted = admitAudienceAnswer(this.deps.applied(), round, value, now);
    if (!admitted.ok) return admitted;
    try {
      await this.deps.store.appendAudienceAnswers([
        { showId: this.deps.showId, audienceId, name, round, value, at: now },
      ]);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'FENCED')
        return fail('OWNER_UNAVAILABLE', 'this node no longer runs the show; retry');
      return fail('STORAGE_FAILED', 'could not store the answer');
    }
    const answer = { audienceId, name, round, value, at: now };
    this.book.record(answer);
    this.deps.onAnswer?.();
    this.deps.onStored?.(answer);
    return ok({ round, acceptedAt: now });
  }

  /** an answer the owner node stored (many nodes): counted and ranked here too */
  storedElsewhere(answer: AudienceAnswer): void {
    this.book.record(answer);
    this.deps.onAnswer?.();
  }

  /** the phone's name as this node knows it */
  nameOf(audienceId: string): string {
    return this.book.nameOf(audienceId) ?? '';
  }

  countFor(round: number): number {
    return this.book.countFor(round);
  }

  invalidate(): void {
    this.ranking = null;
  }

  board(): AudienceBoardRow[] {
    return this.leaderboard().board;
  }

  selfOf(audienceId: string): AudienceSelf {
    const state = this.deps.committed();
    const round = currentRound(state);
    const answer = round ? this.book.answerOf(audienceId, round.index) : undefined;
    return audienceSelfOf(
      state,
      { id: audienceId, name: this.book.nameOf(audienceId) ?? '' },
      answer?.value,
      this.leaderboard().byId.get(audienceId),
    );
  }

  sendSelves(): void {
    const t = this.deps.transport();
    const { showId } = this.deps;
    const ids = [...t.connectedAudience(showId)];
    const generation = ++this.generation;
    const slice = this.deps.sliceSize ?? AUDIENCE_SELF_SLICE;
    const sendSlice = (from: number) => {
      if (generation !== this.generation || this.closed) return; // a newer board supersedes this one
      for (const id of ids.slice(from, from + slice))
        t.toAudienceMember(showId, id, 'audience:self', this.selfOf(id));
      if (from + slice < ids.length) this.deps.timers.defer(() => sendSlice(from + slice));
    };
    sendSlice(0);
  }

  close(): void {
    this.closed = true;
  }

  private leaderboard(): AudienceLeaderboard {
    this.ranking ??= audienceLeaderboard(this.deps.committed(), this.book.all(), AUDIENCE_BOARD_SIZE);
    return this.ranking;
  }
}
