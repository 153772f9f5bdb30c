/** Audience play-along answers, kept beside (not inside) the show state: thousands of phones must not
 *  grow the state every device receives. Last answer per round counts, as for contestants. */
import type { AudienceAnswer } from '../engine/index.ts';

export type { AudienceAnswer };

export class AudienceBook {
  private readonly names = new Map<string, string>();
  private readonly byRound = new Map<number, Map<string, AudienceAnswer>>();

  record(answer: AudienceAnswer): void {
    this.names.set(answer.audienceId, answer.name);
    let round = this.byRound.get(answer.round);
    if (!round) this.byRound.set(answer.round, (round = new Map()));
    round.set(answer.audienceId, answer);
  }

  join(audienceId: string, name: string): void {
    // a reconnect without a name keeps the one given before
    if (name || !this.names.has(audienceId)) this.names.set(audienceId, name);
  }

  nameOf(audienceId: string): string | undefined {
    return this.names.get(audienceId);
  }

  answerOf(audienceId: string, round: number): AudienceAnswer | undefined {
    return this.byRound.get(round)?.get(audienceId);
  }

  countFor(round: number): number {
    return this.byRound.get(round)?.size ?? 0;
  }

  all(): AudienceAnswer[] {
    const out: AudienceAnswer[] = [];
    for (const round of this.byRound.values()) out.push(...round.values());
    return out;
  }
}
