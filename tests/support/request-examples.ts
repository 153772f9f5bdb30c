/**
 * A well-formed payload for every socket request of the protocol (the compiler checks the table is
 * complete): the authorization matrix sends these, the fuzz suite breaks one field of them at a time.
 */
import type { RequestName, RequestPayload } from '@cv/shared/protocol';

type Examples = { [E in RequestName]: RequestPayload<E> | undefined };

export function requestExamples(version: number, round = 0): Examples {
  return {
    'show:start': { version },
    'question:show': { version, mode: 'main' },
    'question:options': { version },
    'question:open': { version },
    'question:lock': { version },
    'question:reveal': { version },
    'question:swap': { version },
    'show:pause': { version },
    'show:resume': { version },
    'rescue:apply': { version, how: 'seats', seats: [2] },
    'verdict:revise': { version, round, seat: 2, correct: true, reason: 'Ban Giám khảo xem lại' },
    'show:finish': { version },
    'prizes:confirm': { version, awards: [{ prize: 'first', seats: [1] }] },
    'seat:update': { version, seat: 2, name: 'Thí sinh hai' },
    'preshow:rehearse': { version, action: 'start' },
    'time:sync': 1_700_000_000_000,
    'show:resync': undefined,
    'answer:submit': { round, value: 1 },
    'audience:answer': { round, value: 1 },
    'seat:reset-pin': { seat: 3 },
    'seat:cards': undefined,
    'audit:recent': { limit: 5 },
    'preshow:check': undefined,
    'show:minutes': undefined,
    'screen:control': { action: 'scene', scene: 'logo' },
    'seat:takeover-decide': { requestId: 'no-such-request', approve: false },
  };
}
