/**
 * How one show's runner talks to the other nodes when there are many (Redis). The runtime codes against
 * this interface only; `cluster/` implements it over Redis. A single node has no link: it owns every show.
 */
import type { Ack, AnswerValue, AudienceAnswerReceipt, CommandReceipt } from '@cv/shared/protocol';
import type { Actor, EngineCommand } from '../engine/types.ts';
import type { AudienceAnswerRecord, CommandRecord } from '../storage/port.ts';

export interface ShowLink {
  /** a command that arrived here, sent to the node that runs the show; resolves with that node's ack */
  forward(showId: string, command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>>;
  forwardAudience(
    showId: string,
    audienceId: string,
    name: string,
    round: number,
    value: AnswerValue,
  ): Promise<Ack<AudienceAnswerReceipt>>;
  /** the owner tells the other nodes what it committed (they replay it) */
  committed(showId: string, record: CommandRecord): void;
  /** the owner tells the other nodes of an audience answer it stored */
  audienceStored(showId: string, answer: AudienceAnswerRecord): void;
  /** a seat's device connected to or left this node */
  seatPresence(showId: string, seat: number, connected: boolean): void;
  /** the store refused this node's write: another node holds the show's lease */
  fenced(showId: string): void;
  /** a commit of this node failed: the show is given back, to be rebuilt from the log by whoever takes it */
  storageFailed(showId: string): void;
}
