/**
 * One show's log is corrupted on disk: the server still starts, the other shows run, /api/health names
 * the broken one, and its devices are refused with a clear code.
 */
import { httpRequest } from '@cv/shared/client';
import type { HealthResponse, ShowListItem } from '@cv/shared/protocol';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, expectOk, handshake, single, startHarness, until, type Harness } from './harness.ts';

const dirs: string[] = [];
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, logLines: string[] = []) {
  const h = await startHarness(
    { logger: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } } },
    dataDir,
  );
  harnesses.push(h);
  return h;
}

describe('recovery never stops the server', () => {
  it('starts with one show corrupted: the others run, health reports the broken one, its devices are refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cv-recovery-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const healthy = await first.createShow({ title: 'Lành', seatCount: 2, questions: [single('q1', 0)] });
    const broken = await first.createShow({ title: 'Hỏng', seatCount: 2, questions: [single('q1', 0)] });
    for (const show of [healthy, broken]) {
      const host = await first.connect({ role: 'host', showId: show.showId, pin: show.secrets.hostPin });
      expectOk(await host.command('show:start'));
      expectOk(await host.command('question:show', {}));
      host.close();
    }
    await first.close();
    harnesses.length = 0;

    // a bad disk, a bad hand, an incompatible rule change: the stored log no longer replays
    const db = new Database(join(dataDir, 'chuong-vang.db'));
    const changed = db
      .prepare(`UPDATE commands SET payload = ? WHERE show_id = ? AND type = 'question:show'`)
      .run(JSON.stringify({ type: 'question:reveal', version: 0 }), broken.showId).changes;
    db.close();
    expect(changed).toBe(1);

    const logLines: string[] = [];
    const h = await start(dataDir, logLines);
    const health = await h.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json<HealthResponse>()).toMatchObject({
      status: 'degraded',
      shows: 1,
      unavailable: [{ showId: broken.showId, code: 'REPLAY_DIVERGED' }],
    });
    expect(logLines.join('\n')).toContain(`show ${broken.showId} is unavailable: REPLAY_DIVERGED`);

    // the healthy show carries on where it was
    const host = await h.connect({ role: 'host', showId: healthy.showId, pin: healthy.secrets.hostPin });
    const player = await h.connect({
      role: 'player',
      showId: healthy.showId,
      seat: 1,
      pin: healthy.secrets.seats['1'].pin,
    });
    expect(host.state.view?.round?.phase).toBe('shown');
    expectOk(await host.command('question:open'));
    const round = (await until(player, (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
    expectOk(await player.answer(round, 0));
    expectOk(await host.command('question:lock'));
    expectOk(await host.command('question:reveal'));
    await until(player, (c) => c.state.self?.outcome?.result.kind === 'stays');

    // the broken show's devices get a clear code, and the organizers see why
    const refused = await handshake(h.url, {
      role: 'host',
      showId: broken.showId,
      pin: broken.secrets.hostPin,
    });
    expect(refused).toBe('SHOW_UNAVAILABLE');
    const list = await httpRequest('GET /api/shows', { base: h.url, token: ADMIN });
    expect(list.ok && list.data.map((s: ShowListItem) => [s.title, s.stage, s.problem?.code])).toEqual([
      ['Lành', 'running', undefined],
      ['Hỏng', null, 'REPLAY_DIVERGED'],
    ]);
    const info = await httpRequest('GET /api/shows/:id/public', {
      base: h.url,
      params: { id: broken.showId },
    });
    expect(info).toMatchObject({ ok: false, error: { code: 'SHOW_UNAVAILABLE' } });
  });
});
