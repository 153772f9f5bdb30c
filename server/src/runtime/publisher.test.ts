import { applyViewDelta } from '@cv/shared/client';
import type { HostCommand, HostTally, PublicView, StateMessage, Tally, ViewDelta } from '@cv/shared/protocol';
import { describe, expect, it } from 'vitest';
import { HOST, player, started } from '../engine/testing.ts';
import type { Actor, EngineCommand } from '../engine/types.ts';
import { ViewPublisher, type AudienceFanout } from './publisher.ts';
import { FakeTimers, RecordingTransport } from './testing.ts';

function setup(seats = 3) {
  const d = started({ seats });
  const timers = new FakeTimers();
  const transport = new RecordingTransport();
  const audience: AudienceFanout & { selves: number; invalidated: number } = {
    selves: 0,
    invalidated: 0,
    board: () => [{ rank: 1, name: 'An', score: 1 }],
    selfOf: (id) => ({ id, name: id, score: 0, rank: null, round: null, answer: null, correct: null }),
    countFor: () => 7,
    invalidate: () => void audience.invalidated++,
    sendSelves: () => void audience.selves++,
  };
  const publisher = new ViewPublisher({
    showId: 's',
    state: () => d.state,
    audience,
    transport: () => transport,
    timers,
    tallyEveryMs: 200,
  });
  /** run a step through the engine and tell the publisher it committed */
  const apply = (command: EngineCommand, actor: Actor = HOST) => {
    const out = d.do(command, actor);
    publisher.committed({ command, events: out.events, state: d.state });
  };
  const host = (type: HostCommand['type'], payload: object = {}) =>
    apply({ type, version: d.state.controlVersion, ...payload } as EngineCommand);
  const answer = (seat: number, value: number) =>
    apply({ type: 'answer:submit', seat, round: d.state.current!, value }, player(seat));
  return { d, timers, transport, audience, publisher, host, answer };
}

describe('ViewPublisher', () => {
  it('coalesces every change committed in one turn into one message per room', () => {
    const { timers, transport, host } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    expect(transport.sent).toEqual([]); // nothing before the turn ends
    timers.flush();
    for (const room of ['screens', 'crowd', 'staff']) {
      // tablets and phones get what changed, the others the whole view
      const messages = transport.to(room, room === 'crowd' ? 'show:delta' : 'show:state') as ViewDelta[];
      expect(messages, room).toHaveLength(1);
      expect(messages[0].events.map((e) => e.type)).toEqual(['question-shown', 'answering-opened']);
    }
  });

  it('gives the crowd a light view: no seat grid, no verdicts or field summary; screens and staff get them', () => {
    const { timers, transport, host, answer, publisher } = setup();
    const tablet = publisher.snapshotFor({ role: 'player', showId: 's', seat: 3 }, 5);
    const phone = publisher.snapshotFor({ role: 'audience', showId: 's', audienceId: 'x' }, 5);
    publisher.seatConnected(1, true);
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    answer(1, 0);
    host('question:lock');
    host('question:reveal');
    timers.flush();
    // what a device holds: its snapshot, then each delta of its room in turn, each following the one before
    const fold = (start: PublicView, room: string) => {
      let view = start;
      for (const delta of transport.to(room, 'show:delta') as ViewDelta[]) {
        expect(delta.base).toBe(view.version);
        view = applyViewDelta(view, delta);
      }
      return view;
    };
    const crowd = fold(tablet.view as PublicView, 'crowd');
    const onPhone = fold(phone.view as PublicView, 'phones');
    expect(crowd.round?.eligibleSeats).toEqual([1, 2, 3]);
    expect(onPhone).toEqual({ ...crowd, round: { ...crowd.round, eligibleSeats: [] } });
    const screens = transport.to('screens', 'show:state').at(-1)! as StateMessage;
    expect(crowd.seats).toEqual([]);
    expect(crowd.round).toMatchObject({ phase: 'revealed', verdicts: null, outcome: null });
    expect(screens.seats).toHaveLength(3);
    expect(screens.round?.verdicts).toEqual({ 1: true, 2: false, 3: false });
    expect(screens.round?.outcome).toMatchObject({ eliminated: [2, 3] });
    expect('rules' in transport.to('staff', 'show:state').at(-1)!).toBe(true);
  });

  it('sends an answer to its own seat only, never to a room, and a seat:self only when it changed', () => {
    const { timers, transport, host, answer, publisher } = setup();
    publisher.seatConnected(2, true);
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    timers.flush();
    transport.clear();
    answer(2, 1);
    expect(transport.sent.map((s) => `${s.to} ${s.event}`)).toEqual(['seat:2 seat:self']);
    expect(transport.to('seat:2', 'seat:self')[0]).toMatchObject({ answer: 1, canAnswer: true });
    timers.flush();
    expect(transport.to('crowd', 'show:delta')).toEqual([]);
    host('show:pause'); // seat 2 can no longer answer: changed, sent
    timers.flush();
    expect(transport.to('seat:2', 'seat:self').at(-1)).toMatchObject({ canAnswer: false });
    host('show:resume'); // can again: changed back, sent
    timers.flush();
    expect(transport.to('seat:2', 'seat:self')).toHaveLength(3);
    publisher.seatConnected(1, true); // a publish that changes nothing for seat 2
    timers.flush();
    expect(transport.to('seat:2', 'seat:self')).toHaveLength(3);
  });

  it('counts answers on the tick: screens without the distribution, staff with it and the live answers', () => {
    const { timers, transport, host, answer } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    timers.flush();
    timers.advance(200);
    transport.clear();
    answer(1, 0);
    answer(3, 2);
    timers.advance(199);
    expect(transport.to('screens', 'show:tally')).toEqual([]);
    timers.advance(1);
    const screen = transport.to('screens', 'show:tally') as Tally[];
    const staff = transport.to('staff', 'show:tally') as HostTally[];
    expect(screen).toEqual([
      { round: 0, answered: 2, eligible: 3, answeredSeats: [1, 3], audienceAnswered: 7 },
    ]);
    expect(staff[0]).toMatchObject({ answered: 2, distribution: { 0: 1, 1: 0, 2: 1, 3: 0 } });
    expect(transport.to('staff', 'show:state')).toHaveLength(1); // the MC sees every answer live
    expect(transport.to('crowd', 'show:tally')).toEqual([]);
    transport.clear();
    timers.advance(1000); // nothing changed: nothing sent
    expect(transport.sent).toEqual([]);
  });

  it("puts the audience top 10 on a reveal's message and then sends each phone its own result", () => {
    const { timers, transport, host, audience } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    host('question:open');
    host('question:lock');
    timers.flush();
    const lastDelta = () => transport.to('crowd', 'show:delta').at(-1) as ViewDelta;
    expect(lastDelta().audienceBoard).toBeUndefined();
    host('question:reveal');
    expect(audience.invalidated).toBe(1);
    timers.flush();
    expect(lastDelta().audienceBoard).toEqual([{ rank: 1, name: 'An', score: 1 }]);
    expect(transport.to('screens', 'show:state').at(-1)!.audienceBoard).toHaveLength(1);
    expect(audience.selves).toBe(1);
  });

  it('publishes a presence change and resends a reconnected seat its state', () => {
    const { timers, transport, publisher } = setup();
    publisher.seatConnected(1, true);
    timers.flush();
    expect((transport.to('screens', 'show:state')[0] as StateMessage).seats[0].connected).toBe(true);
    expect(transport.to('seat:1', 'seat:self')).toHaveLength(1);
    publisher.seatConnected(1, true); // a second tab / reconnect: no presence change, but a fresh self
    timers.flush();
    expect(transport.to('screens', 'show:state')).toHaveLength(1);
  });

  it('builds the snapshot per role: staff the host view, screens the full public view, the crowd the light one', () => {
    const { publisher } = setup();
    const host = publisher.snapshotFor({ role: 'host', showId: 's' }, 5);
    const screen = publisher.snapshotFor({ role: 'screen', showId: 's' }, 5);
    const seat = publisher.snapshotFor({ role: 'player', showId: 's', seat: 2 }, 5);
    const phone = publisher.snapshotFor({ role: 'audience', showId: 's', audienceId: 'x' }, 5);
    expect('rules' in host.view).toBe(true);
    expect(screen.view.seats).toHaveLength(3);
    expect(screen.audienceBoard).toHaveLength(1);
    expect(seat.view.seats).toEqual([]);
    expect(seat.self?.seat).toBe(2);
    expect(phone.audience?.id).toBe('x');
    expect(host.audienceBoard).toBeUndefined();
  });

  it('stops ticking and publishing once closed', () => {
    const { timers, transport, host, publisher } = setup();
    host('question:show', { mode: 'main', hideOptions: false });
    publisher.close();
    timers.flush();
    timers.advance(1000);
    expect(transport.sent).toEqual([]);
    expect(timers.pending).toBe(0);
  });
});
