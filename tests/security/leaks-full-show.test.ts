/**
 * The leak scanner over a whole show: every message each non-privileged device receives — three
 * tablets, the big screen, a phone in the hall — through main questions, a rescue question, a
 * tie-break and the finish, is recorded and scanned for any credential (MC/judge PIN, other seats'
 * PINs and join tokens, the display token outside the screen, the admin token), for every answer key
 * and explanation before its reveal, and for another seat's answer before the reveal. Positive
 * controls prove the scan sees what it looks for.
 */
import type { ShowClient } from '@cv/shared/client';
import type { AuthPayload, Question } from '@cv/shared/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, expectOk, startHarness, until, type Harness } from '../integration/harness.ts';

let h: Harness | undefined;
afterAll(async () => h?.close());

const marker = (what: string) => `MARK${what}ZQ`;
const text = (id: string, pool: Question['pool'] = 'main'): Question => ({
  id,
  kind: 'text',
  pool,
  prompt: `Câu hỏi tự luận ${id}?`,
  timeLimitSec: 60,
  key: { kind: 'text', accepted: [marker(`KEY${id}`)] },
  explanation: marker(`EXPL${id}`),
});

interface Captured {
  who: string;
  event: string;
  json: string;
  /** the round whose key may be seen: set at its reveal */
  revealedRounds: number;
}

describe('leak scan over a full show', () => {
  it('no device receives a credential, a key or another seat’s answer before it may', async () => {
    h = await startHarness();
    const questions = [text('q1'), text('q2'), text('r1', 'rescue'), text('t1', 'tiebreak')];
    const show = await h.createShow({ title: 'Quét rò rỉ', seatCount: 3, questions });
    const s = show.secrets;
    const host = await h.connect({ role: 'host', showId: show.showId, pin: s.hostPin });
    const captured: Captured[] = [];
    let revealedRounds = 0;
    const devices: Record<string, ShowClient> = {};
    const auths: Record<string, AuthPayload> = {
      seat1: { role: 'player', showId: show.showId, seat: 1, pin: s.seats['1'].pin },
      seat2: { role: 'player', showId: show.showId, seat: 2, joinToken: s.seats['2'].joinToken },
      seat3: { role: 'player', showId: show.showId, seat: 3, pin: s.seats['3'].pin },
      screen: { role: 'screen', showId: show.showId, displayToken: s.displayToken },
      phone: { role: 'audience', showId: show.showId, name: 'Khán giả' },
    };
    for (const [who, auth] of Object.entries(auths)) {
      const c = await h.connect(auth, { ready: false });
      c.socket.onAny((event: string, ...args: unknown[]) =>
        captured.push({ who, event, json: JSON.stringify(args), revealedRounds }),
      );
      devices[who] = c;
    }
    await Promise.all(Object.values(devices).map((c) => c.ready()));
    const seat = (n: number) => devices[`seat${n}`];
    /** what each seat typed, per round: another seat's must not reach anyone before the reveal */
    const typed = new Map<string, { seat: number; round: number }>();

    const play = async (
      show: { questionId?: string; mode?: 'main' | 'rescue' | 'tiebreak'; seats?: number[] },
      answers: Record<number, string>,
    ) => {
      expectOk(await host.command('question:show', show));
      expectOk(await host.command('question:open'));
      const round = (
        await until(host, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round)
      ).index;
      for (const [n, value] of Object.entries(answers)) {
        await until(seat(Number(n)), (c) => c.state.self?.canAnswer);
        typed.set(value, { seat: Number(n), round });
        expectOk(await seat(Number(n)).answer(round, value));
      }
      expectOk(await devices.phone.audienceAnswer(round, 'khán giả đoán'));
      await new Promise((r) => setTimeout(r, 120)); // a tally tick
      expectOk(await host.command('question:lock'));
      await until(devices.screen, (c) => c.state.view?.round?.phase === 'locked');
      revealedRounds = round + 1;
      expectOk(await host.command('question:reveal'));
      for (const c of Object.values(devices))
        await until(c, (x) => x.state.view?.round?.phase === 'revealed');
    };

    expectOk(await host.command('show:start'));
    await play(
      { questionId: 'q1' },
      { 1: marker('KEYq1').toLowerCase(), 2: marker('S2R0'), 3: marker('S3R0') },
    );
    await play({ mode: 'rescue' }, { 2: marker('KEYr1'), 3: marker('S3R1') });
    await play({ questionId: 'q2' }, { 1: marker('S1R2'), 2: marker('S2R2') });
    await play({ mode: 'tiebreak', seats: [1, 2] }, { 1: marker('KEYt1'), 2: marker('S2R3') });
    expectOk(await host.command('show:finish'));
    await until(devices.screen, (c) => c.state.view?.stage === 'finished');

    const credentials: [string, string, (who: string) => boolean][] = [
      ['admin token', ADMIN, () => true],
      ['MC PIN', s.hostPin, () => true],
      ['judge PIN', s.judgePin, () => true],
      ['display token', s.displayToken, (who) => who !== 'screen'],
      ...[1, 2, 3].flatMap((n): [string, string, (who: string) => boolean][] => [
        [`seat ${n} PIN`, `"${s.seats[String(n)].pin}"`, () => true],
        [`seat ${n} join token`, s.seats[String(n)].joinToken, () => true],
      ]),
    ];
    const leaks: string[] = [];
    for (const m of captured) {
      for (const [name, value, forbidden] of credentials)
        if (forbidden(m.who) && m.json.includes(value)) leaks.push(`${name} → ${m.who} ${m.event}`);
      if (/"pin"|"joinToken"|"hostPin"|"judgePin"/.test(m.json))
        leaks.push(`a credential field → ${m.who} ${m.event}`);
      for (const q of questions) {
        const round = ['q1', 'r1', 'q2', 't1'].indexOf(q.id);
        if (m.revealedRounds <= round) {
          if (
            m.json.toLowerCase().includes(marker(`KEY${q.id}`).toLowerCase()) &&
            !ownAnswer(m, typed, marker(`KEY${q.id}`))
          )
            leaks.push(`key of ${q.id} before its reveal → ${m.who} ${m.event}`);
          if (m.json.includes(marker(`EXPL${q.id}`)))
            leaks.push(`explanation of ${q.id} early → ${m.who} ${m.event}`);
        }
      }
      for (const [value, { seat: by, round }] of typed)
        if (
          m.revealedRounds <= round &&
          m.who !== `seat${by}` &&
          m.json.toLowerCase().includes(value.toLowerCase())
        )
          leaks.push(`seat ${by}'s answer in round ${round} before the reveal → ${m.who} ${m.event}`);
    }
    // positive controls: keys and answers do arrive after their reveal, and a PIN would be seen
    expect(captured.some((m) => m.revealedRounds >= 1 && m.json.includes(marker('EXPLq1')))).toBe(true);
    expect(captured.some((m) => m.who === 'seat1' && m.json.includes(marker('S1R2')))).toBe(true);
    expect(credentials.some(([, value]) => `{"x":"${s.hostPin}"}`.includes(value))).toBe(true);
    console.log(
      `[leaks:show] messages scanned ${captured.length} (${Object.keys(devices).join(', ')}), ` +
        `questions 4 (main, rescue, main, tie-break), leaks ${leaks.length}`,
    );
    expect(leaks).toEqual([]);
  });
});

/** a seat's own answer echoed to that seat is theirs, even when it is the key */
function ownAnswer(m: Captured, typed: Map<string, { seat: number }>, key: string): boolean {
  for (const [value, { seat }] of typed)
    if (value.toLowerCase() === key.toLowerCase() && m.who === `seat${seat}`) return true;
  return false;
}
