/** The MC's pre-show check, the projector's scene and the biên bản: the hall's needs around the show itself. */
import { fail, ok, type PreshowDevice } from '@cv/shared/protocol';
import { minutesOf } from '../../engine/index.ts';
import { joinLinksOf, rooms } from '../types.ts';
import type { PartialHandlerTable } from './table.ts';

/** an answer acknowledged by SQLite is on disk; Redis keeps it only if it persists (appendonly / snapshots) */
const DURABLE = { sqlite: true, redis: 'depends', memory: false } as const;

export const preshowHandlers: PartialHandlerTable<'preshow:check' | 'screen:control' | 'show:minutes'> = {
  'show:minutes': {
    roles: ['host', 'judge'],
    run: ({ runner, deps }) => ok(minutesOf(runner.state, deps.clock())),
  },
  'preshow:check': {
    roles: ['host', 'judge'],
    async run({ session, deps, socket }) {
      const id = session.showId;
      const sockets = await socket.nsp
        .in([rooms.of(id, 'staff'), rooms.of(id, 'screens'), rooms.of(id, 'crowd'), rooms.of(id, 'phones')])
        .fetchSockets();
      const devices: PreshowDevice[] = [];
      let audience = 0;
      for (const s of sockets) {
        const { role, seat } = s.data.session;
        if (role === 'audience') {
          audience++;
          continue;
        }
        devices.push({ role, ...(seat ? { seat } : {}), clockOffsetMs: s.data.clockOffsetMs ?? null });
      }
      const order = { host: 0, judge: 1, screen: 2, player: 3 } as const;
      devices.sort((a, b) => order[a.role] - order[b.role] || (a.seat ?? 0) - (b.seat ?? 0));
      return ok({
        store: { kind: deps.store.kind, durable: DURABLE[deps.store.kind] },
        devices,
        audience,
        links: joinLinksOf(socket, deps),
        scene: deps.scenes.get(id) ?? 'live',
        serverNow: deps.clock(),
      });
    },
  },
  'screen:control': {
    roles: ['host'],
    async run({ session, deps, socket, payload }) {
      const id = session.showId;
      if (!deps.shows.runner(id)) return fail('SHOW_NOT_FOUND', 'no such show');
      if (payload.action === 'scene') deps.scenes.set(id, payload.scene);
      const scene = deps.scenes.get(id) ?? 'live';
      const control = { scene, ...(payload.action === 'sound-test' ? { soundTest: true } : {}) };
      socket.nsp.to([rooms.of(id, 'screens'), rooms.of(id, 'staff')]).emit('screen:control', control);
      const screens = (await socket.nsp.in(rooms.of(id, 'screens')).fetchSockets()).length;
      return ok({ scene, screens });
    },
  },
};
