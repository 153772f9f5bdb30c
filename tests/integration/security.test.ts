/** Edges: auth, roles, malformed input, and the answer key never leaving early. */
import type { ShowClient } from '@cv/shared/client';
import type { Question } from '@cv/shared/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  expectOk,
  handshake,
  rawRequest,
  single,
  startHarness,
  until,
  type CreatedShow,
  type Harness,
} from './harness.ts';

let h: Harness;
afterEach(async () => h?.close());

const SECRET_TEXT = 'DAPAN-BIMAT-7781';
const SECRET_EXPLANATION = 'GIAITHICH-BIMAT-4410';

async function setup(questions: Question[] = [single('q1', 2), single('q2', 0)]) {
  h = await startHarness();
  const show = await h.createShow({ title: 'Kiểm thử bảo mật', seatCount: 3, questions });
  const host = await h.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
  return { show, host };
}

const seatAuth = (show: CreatedShow, seat: number) => ({
  role: 'player' as const,
  showId: show.showId,
  seat,
  pin: show.secrets.seats[String(seat)].pin,
});

describe('authentication', () => {
  it('refuses a wrong PIN, an unknown show and a malformed handshake with a code', async () => {
    const { show } = await setup();
    const attempt = (auth: Record<string, unknown>) => handshake(h.url, auth);
    expect(await attempt({ role: 'host', showId: show.showId, pin: '000000x' })).toBe('UNAUTHORIZED');
    expect(await attempt({ role: 'player', showId: show.showId, seat: 1, pin: 'nope' })).toBe('UNAUTHORIZED');
    expect(await attempt({ role: 'screen', showId: 'no-such-show', displayToken: 'x' })).toBe(
      'SHOW_NOT_FOUND',
    );
    expect(await attempt({ role: 'wizard', showId: show.showId })).toBe('BAD_REQUEST');
    expect(
      await attempt({ role: 'player', showId: show.showId, joinToken: show.secrets.seats['2'].joinToken }),
    ).toBe('connected');
  });
});

describe('roles and payloads', () => {
  it('refuses host commands from a contestant, a screen and the audience, changing nothing', async () => {
    const { show, host } = await setup();
    const player = await h.connect(seatAuth(show, 1));
    const screen = await h.connect({
      role: 'screen',
      showId: show.showId,
      displayToken: show.secrets.displayToken,
    });
    const fan = await h.connect({ role: 'audience', showId: show.showId, name: 'Khán giả A' });
    const before = host.state.view!.version;
    for (const c of [player, screen, fan]) {
      const res = await c.command('show:start');
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('FORBIDDEN');
    }
    const judge = await h.connect({ role: 'judge', showId: show.showId, pin: show.secrets.judgePin });
    const judged = await judge.command('question:show', {});
    expect(!judged.ok && judged.error.code).toBe('FORBIDDEN');
    expect((await host.resync()).ok && host.state.view!.version).toBe(before);
  });

  it('answers malformed payloads and unknown events with a code', async () => {
    const { show, host } = await setup();
    const player = await h.connect(seatAuth(show, 1));
    expectOk(await host.command('show:start'));
    const bad = await rawRequest(host, 'question:show', { version: 'x' });
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
    const badRevise = await rawRequest(host, 'verdict:revise', {
      version: 1,
      round: 0,
      seat: 1,
      correct: true,
    });
    expect(!badRevise.ok && badRevise.error.code).toBe('BAD_REQUEST');
    const noise = await rawRequest(player, 'answer:submit', { round: 'zero', value: { evil: true } });
    expect(!noise.ok && noise.error.code).toBe('BAD_REQUEST');
    const unknown = await rawRequest(player, 'show:destroy', {});
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_EVENT');
    const notAFunction = await rawRequest(player, 'answer:submit', null);
    expect(!notAFunction.ok && notAFunction.error.code).toBe('BAD_REQUEST');
    // still alive and consistent
    expectOk(await host.command('question:show', {}));
  });

  it('takes a numeric answer as a JSON number, and refuses the same digits as a string', async () => {
    const numeric: Question = {
      id: 'n1',
      kind: 'numeric',
      pool: 'main',
      prompt: 'Có bao nhiêu dịch vụ công thiết yếu?',
      timeLimitSec: 20,
      key: { kind: 'numeric', value: 25, tolerance: 0 },
    };
    const { show, host } = await setup([numeric]);
    const player = await h.connect(seatAuth(show, 1));
    expectOk(await host.command('show:start'));
    expectOk(await host.command('question:show', {}));
    expectOk(await host.command('question:open'));
    const round = (await until(player, (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
    const asText = await player.answer(round, '25');
    expect(!asText.ok && asText.error.code).toBe('ANSWER_INVALID');
    expect(expectOk(await player.answer(round, 25)).value).toBe(25);
  });

  it('refuses a command built on a stale version', async () => {
    const { host } = await setup();
    expectOk(await host.command('show:start'));
    await until(host, (c) => c.state.view?.stage === 'running');
    const stale = await host.request('question:show', { version: 0 });
    expect(!stale.ok && stale.error.code).toBe('STALE_VERSION');
  });
});

describe('the answer key', () => {
  it('reaches no contestant, screen or audience message before the reveal', async () => {
    const questions: Question[] = [
      {
        id: 'q-text',
        kind: 'text',
        pool: 'main',
        prompt: 'Ứng dụng định danh điện tử quốc gia tên là gì?',
        timeLimitSec: 20,
        key: { kind: 'text', accepted: [SECRET_TEXT] },
        explanation: SECRET_EXPLANATION,
      },
      single('q-single', 3, { explanation: SECRET_EXPLANATION }),
    ];
    const { show, host } = await setup(questions);
    const captured: { who: string; event: string; json: string; revealed: boolean }[] = [];
    let revealed = false;
    const watch = (who: string, c: ShowClient) =>
      c.socket.onAny((event: string, ...args: unknown[]) =>
        captured.push({ who, event, json: JSON.stringify(args), revealed }),
      );
    const p1 = await h.connect(seatAuth(show, 1), { ready: false });
    const p2 = await h.connect(seatAuth(show, 2), { ready: false });
    const screen = await h.connect(
      { role: 'screen', showId: show.showId, displayToken: show.secrets.displayToken },
      { ready: false },
    );
    const fan = await h.connect(
      { role: 'audience', showId: show.showId, name: 'Khán giả' },
      { ready: false },
    );
    [p1, p2, screen, fan].forEach((c, i) => watch(['p1', 'p2', 'screen', 'fan'][i], c));
    await Promise.all([p1, p2, screen, fan].map((c) => c.ready()));

    expectOk(await host.command('show:start'));
    for (const id of ['q-text', 'q-single']) {
      revealed = false;
      expectOk(await host.command('question:show', { questionId: id }));
      await until(
        host,
        (c) => c.state.view?.round?.question.id === id && c.state.view.round.phase === 'shown',
      );
      expectOk(await host.command('question:open'));
      const round = (await until(p1, (c) => c.state.view?.round?.phase === 'answering' && c.state.view.round))
        .index;
      expectOk(await p1.answer(round, id === 'q-text' ? SECRET_TEXT.toLowerCase() : 3));
      expectOk(await fan.audienceAnswer(round, id === 'q-text' ? 'sai' : 1));
      await new Promise((r) => setTimeout(r, 120)); // let a tally tick go out
      expectOk(await host.command('question:lock'));
      await until(screen, (c) => c.state.view?.round?.phase === 'locked');
      await p2.resync();
      revealed = true;
      expectOk(await host.command('question:reveal'));
      // every watcher has the reveal before the next question starts the next "early" window
      for (const c of [p1, p2, screen, fan]) await until(c, (x) => x.state.view?.round?.phase === 'revealed');
    }

    const early = captured.filter((m) => !m.revealed);
    expect(early.length).toBeGreaterThan(20);
    for (const m of early) {
      expect(m.json, `${m.who} ${m.event}`).not.toContain(SECRET_TEXT);
      expect(m.json, `${m.who} ${m.event}`).not.toContain(SECRET_EXPLANATION);
      expect(m.json, `${m.who} ${m.event}`).not.toMatch(/"key":/);
      expect(m.json, `${m.who} ${m.event}`).not.toMatch(/"revealedKey":\{/);
      expect(m.json, `${m.who} ${m.event}`).not.toMatch(/"verdicts":\{/);
      expect(m.json, `${m.who} ${m.event}`).not.toMatch(/"correct":true/);
    }
    // and it does arrive with the reveal, so the scan above was looking at the right messages
    expect(captured.some((m) => m.revealed && m.json.includes(SECRET_TEXT))).toBe(true);
    expect(captured.some((m) => m.revealed && m.json.includes(SECRET_EXPLANATION))).toBe(true);
  });
});
