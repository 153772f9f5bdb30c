/**
 * Who may apply a show's commands, and how commands reach the one that applies them — kept apart from
 * the apply → append → commit path (command-log.ts) so that many nodes can be added without touching it.
 *
 * One node (today): this node owns every show it runs, and commands arrive in process. Many nodes
 * (later): an ownership lease per show (its fencing token checked by the store on append), and a route
 * that forwards a command to the owner node when this node is not it.
 */
import { fail, type Ack, type AppError, type CommandReceipt } from '@cv/shared/protocol';
import type { Actor, EngineCommand } from '../engine/types.ts';

/** Who may apply commands for one show on this node. */
export interface ShowOwnership {
  /** null while this node may apply the show's commands; else why not (the command is refused) */
  refusal(): AppError | null;
}

/** the only node there is owns every show it runs */
export const soleOwner: ShowOwnership = { refusal: () => null };

/** How a command reaches the applier. */
export interface CommandRoute {
  submit(command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>>;
}

export interface Applier {
  submit(command: EngineCommand, actor: Actor): Promise<Ack<CommandReceipt>>;
}

/** in process: ask the ownership, then hand the command to the local applier */
export function localRoute(applier: Applier, ownership: ShowOwnership = soleOwner): CommandRoute {
  return {
    submit(command, actor) {
      const refused = ownership.refusal();
      return refused ? Promise.resolve(fail(refused.code, refused.message)) : applier.submit(command, actor);
    },
  };
}
