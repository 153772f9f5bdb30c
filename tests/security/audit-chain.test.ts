/**
 * Tamper-evident records end to end: a show is played, its trail exported over HTTP with its digest,
 * and `npm run verify-audit` (the real command, as a child process) finds it intact — then names the
 * first altered, removed or reordered entry of a deliberately changed copy, a copy cut short against
 * the published digest, and a record changed inside the database before the export.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, expectOk, single, startHarness, until, type Harness } from '../integration/harness.ts';
import { REPO_ROOT } from '../support/server-process.ts';
import type { RoundAdmin } from '@cv/shared/protocol/online.ts';
import { startOnline } from '../integration/online-harness.ts';
import { roundBody } from '../support/online.ts';

let h: Harness;
let showId: string;
const dir = mkdtempSync(join(tmpdir(), 'cv-audit-'));
const figures = { exports: 0, caught: 0 };

beforeAll(async () => {
  h = await startHarness();
  const show = await h.createShow({
    title: 'Biên bản không sửa được',
    seatCount: 3,
    questions: [single('q1', 1), single('q2', 2)],
  });
  showId = show.showId;
  const host = await h.connect({ role: 'host', showId, pin: show.secrets.hostPin });
  const judge = await h.connect({ role: 'judge', showId, pin: show.secrets.judgePin });
  const seats = await Promise.all(
    [1, 2, 3].map((seat) =>
      h.connect({ role: 'player', showId, seat, pin: show.secrets.seats[String(seat)].pin }),
    ),
  );
  expectOk(await host.command('show:start'));
  expectOk(await host.command('question:show', {}));
  expectOk(await host.command('question:open'));
  const round = (await until(seats[0], (c) => c.state.self?.canAnswer && c.state.view?.round)).index;
  for (const [i, p] of seats.entries()) expectOk(await p.answer(round, i === 2 ? 0 : 1));
  expectOk(await host.command('question:lock'));
  expectOk(await host.command('question:reveal'));
  await until(judge, (c) => c.state.view?.round?.phase === 'revealed');
  expectOk(
    await judge.command('verdict:revise', { round, seat: 3, correct: true, reason: 'Phiếu ghi rõ đáp án B' }),
  );
  // a refused command is in the trail too
  expect((await seats[0].answer(round, 1)).ok).toBe(false);
});
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function exported(): Promise<{ text: string; digest: string }> {
  const res = await h.app.inject({
    method: 'GET',
    url: `/api/shows/${showId}/audit`,
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  expect(res.statusCode).toBe(200);
  figures.exports++;
  return { text: res.body, digest: String(res.headers['x-audit-digest']) };
}

/** runs `npm run verify-audit -- <file> [--digest d]` the way the committee would (node + tsx, no npm noise) */
function verify(text: string, digest?: string): { code: number | null; out: string } {
  const file = join(dir, `trail-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, text);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli/verify-audit.ts', file, ...(digest ? ['--digest', digest] : [])],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  return { code: r.status, out: r.stdout + r.stderr };
}

const linesOf = (text: string) => text.trimEnd().split('\n');

describe('tamper-evident audit trail', () => {
  it('exports an intact chain whose digest the verifier confirms', async () => {
    const { text, digest } = await exported();
    const lines = linesOf(text);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(JSON.parse(lines[lines.length - 1]).hash).toBe(digest);
    const r = verify(text, digest);
    expect(r.out).toContain(`INTACT: ${lines.length} entries, digest ${digest}`);
    expect(r.code).toBe(0);
  });

  it('names the first altered, removed or reordered entry of a changed export', async () => {
    const { text, digest } = await exported();
    const lines = linesOf(text);
    const verdictLine = lines.findIndex((l) => l.includes('verdict:revise'));
    expect(verdictLine).toBeGreaterThan(0);

    const altered = [...lines];
    altered[verdictLine] = altered[verdictLine].replace('"correct":true', '"correct":false');
    expect(altered[verdictLine]).not.toBe(lines[verdictLine]);
    const a = verify(altered.join('\n') + '\n');
    expect(a.out).toContain(`entry ${verdictLine + 1} was altered`);
    expect(a.code).toBe(1);

    const removed = lines.filter((_, i) => i !== 3);
    const b = verify(removed.join('\n') + '\n');
    expect(b.out).toContain('entry 4 is out of place');
    expect(b.code).toBe(1);

    const reordered = [...lines];
    [reordered[5], reordered[6]] = [reordered[6], reordered[5]];
    const c = verify(reordered.join('\n') + '\n');
    expect(c.out).toContain('entry 6 is out of place');

    const cut = verify(lines.slice(0, -2).join('\n') + '\n', digest);
    expect(cut.out).toContain('published digest');
    expect(cut.code).toBe(1);
    figures.caught += 4;
  });

  it('catches a record changed in the database after it was written', async () => {
    const before = await exported();
    const db = new Database(join(h.dataDir, 'chuong-vang.db'));
    const changed = db
      .prepare(
        `UPDATE commands SET actor_id = 'judge:someone-else' WHERE show_id = ? AND type = 'verdict:revise'`,
      )
      .run(showId).changes;
    db.close();
    expect(changed).toBe(1);
    const after = await exported();
    const line = linesOf(after.text).findIndex((l) => l.includes('someone-else')) + 1;
    expect(line).toBeGreaterThan(0);
    const r = verify(after.text, before.digest);
    expect(r.out).toContain(`entry ${line} was altered`);
    expect(r.code).toBe(1);
    figures.caught++;
    console.log(
      `[audit] exports verified ${figures.exports}, tamperings caught ${figures.caught} of ${figures.caught}`,
    );
  });
});

describe('tamper-evident audit trail of an online round', () => {
  it('exports the round audit with its chain; the verifier confirms it and names an altered entry', async () => {
    const o = await startOnline();
    try {
      const created = await o.http.admin<RoundAdmin>(
        'POST',
        '/rounds',
        roundBody('2023-11-01T08:00', '2023-11-10T23:59:59'),
      );
      expect(created.status, created.text).toBe(201);
      const id = created.body.roundId;
      const update = await o.http.admin('PUT', `/rounds/${id}`, {
        ...roundBody('2023-11-01T08:00', '2023-11-10T23:59:59', { title: 'Kỳ thi đổi tên' }),
        version: created.body.version,
      });
      expect(update.status, update.text).toBe(200);
      const res = await o.http.admin('GET', `/rounds/${id}/audit.jsonl`);
      expect(res.status, res.text).toBe(200);
      const lines = linesOf(res.text);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      const digest = res.headers.get('x-audit-digest')!;
      expect(verify(res.text, digest).out).toContain(`INTACT: ${lines.length} entries`);
      const altered = [...lines];
      altered[0] = altered[0].replace('"actor":"', '"actor":"X');
      const r = verify(altered.join('\n') + '\n', digest);
      expect(r.out).toContain('entry 1 was altered');
      expect(r.code).toBe(1);
      figures.caught++;
    } finally {
      await o.close();
    }
  });
});

describe("tamper-evident admin audit (the organizers' workspace)", () => {
  it('exports the whole admin audit with its chain; the verifier confirms it and names an altered entry', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    for (const name of ['Xã Tân Lập', 'Xã Hòa Bình', 'Phường Trung Tâm']) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/admin/units',
        headers: admin,
        payload: { groupName: 'Huyện Đồng Hỷ', name, headcount: 120 },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    const exportAudit = async () => {
      const res = await h.app.inject({ method: 'GET', url: '/api/admin/audit.jsonl', headers: admin });
      expect(res.statusCode, res.body).toBe(200);
      figures.exports++;
      return { text: res.body, digest: String(res.headers['x-audit-digest']) };
    };
    const { text, digest } = await exportAudit();
    const lines = linesOf(text);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(verify(text, digest).out).toContain(`INTACT: ${lines.length} entries, digest ${digest}`);

    const at = lines.findIndex((l) => l.includes('Xã Hòa Bình'));
    expect(at).toBeGreaterThanOrEqual(0);
    const altered = [...lines];
    altered[at] = altered[at].replace('Xã Hòa Bình', 'Xã Hòa Bình Mới');
    const a = verify(altered.join('\n') + '\n', digest);
    expect(a.out).toContain(`entry ${at + 1} was altered`);
    expect(a.code).toBe(1);
    const b = verify(lines.filter((_, i) => i !== at).join('\n') + '\n', digest);
    expect(b.out).toContain('out of place');
    expect(b.code).toBe(1);

    // changed in the database after it was written: the stored link no longer matches
    const db = new Database(join(h.dataDir, 'chuong-vang.db'));
    const changed = db
      .prepare(
        `UPDATE ws_audit SET body = replace(body, 'Phường Trung Tâm', 'Phường Khác') WHERE body LIKE ?`,
      )
      .run('%Phường Trung Tâm%').changes;
    db.close();
    expect(changed).toBe(1);
    const after = await exportAudit();
    const line = linesOf(after.text).findIndex((l) => l.includes('Phường Khác')) + 1;
    const c = verify(after.text, digest);
    expect(c.out).toContain(`entry ${line} was altered`);
    expect(c.code).toBe(1);
    figures.caught += 3;
    console.log(
      `[audit:admin] entries ${lines.length}, exports verified ${figures.exports}, tamperings caught ${figures.caught}`,
    );
  });
});
