/**
 * The organizers' whole workflow through app.inject (and real sockets for the console): the
 * template, an import, review (return with a comment, approve, no self-review), versions, units,
 * exclusions, the show builder, publishing exactly the approved versions, staff assignment, a
 * signed-in MC running the first question without a PIN, results, XLSX records, the certificate
 * PDF (parsed: the winner's Vietnamese name intact), and the admin audit.
 */
import { ShowClient } from '@cv/shared/client';
import { DEFAULT_RULES, type AuthPayload, type HostView } from '@cv/shared/protocol';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../harness.ts';
import {
  ADMIN_TOKEN,
  login,
  openWorkspace,
  PASSWORD,
  readXlsx,
  sheetNames,
  type Workspace,
} from './support.ts';

let w: Workspace;
let url: string;
const clients: ShowClient[] = [];
beforeAll(async () => {
  w = await openWorkspace();
  await w.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await w.close();
});

async function connect(auth: AuthPayload, headers: Record<string, string> = {}): Promise<ShowClient> {
  const client = new ShowClient({
    url,
    auth,
    ackTimeoutMs: 5000,
    clockResyncMs: 0,
    socketOptions: { reconnection: false, extraHeaders: headers },
  });
  clients.push(client);
  client.connect();
  await client.ready();
  return client;
}
const refusal = (auth: AuthPayload, headers: Record<string, string> = {}) =>
  connect(auth, headers).then(
    () => 'connected',
    (e: Error) => e.message,
  );
const ok = <T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
};

const ids: Record<string, string> = {};
const WINNER = 'Nguyễn Thị Thu Hà';

describe("the organizers' workflow", () => {
  it('1. fills the downloaded template (Vietnamese headers) and imports it as drafts', async () => {
    const template = await w.admin.get('/api/admin/questions/template.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Câu hỏi', 'Hướng dẫn']);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual([
      'Chủ đề',
      'Loại câu hỏi',
      'Nội dung câu hỏi',
    ]);
    const guide = (await readXlsx(template.rawPayload, 1)).map((r) => r[1]);
    expect(guide).toContain('Ứng dụng định danh điện tử (VNeID)');
    expect(guide).toContain('Dự thảo Luật Căn cước công dân (sửa đổi)');
    // replace the examples with our own questions, as an organizer would
    const mine = [
      [
        'Ứng dụng định danh điện tử (VNeID)',
        'Một đáp án',
        'VNeID do cơ quan nào quản lý?',
        'Bộ Tư pháp',
        'Bộ Công an',
        'Bộ Nội vụ',
        'Bộ Y tế',
        null,
        null,
        'B',
        null,
        20,
        'Dễ',
        'Bộ Công an xây dựng VNeID.',
      ],
      [
        'Mã QR',
        'Đúng sai',
        'Mã QR trên thẻ CCCD quét được bằng điện thoại.',
        null,
        null,
        null,
        null,
        null,
        null,
        'Đúng',
        null,
        15,
        'Dễ',
      ],
      [
        3,
        'Số',
        'Có bao nhiêu dịch vụ công thiết yếu?',
        null,
        null,
        null,
        null,
        null,
        null,
        25,
        null,
        30,
        'Trung bình',
      ],
      [
        6,
        'Trả lời ngắn',
        'Luật Căn cước đổi tên thẻ thành gì?',
        null,
        null,
        null,
        null,
        null,
        null,
        'Thẻ căn cước; Căn cước',
        null,
        30,
        'Khó',
      ],
      [
        7,
        'Một đáp án',
        'Câu hỏi phụ: tỉnh nào có thành phố Buôn Ma Thuột?',
        'Gia Lai',
        'Đắk Lắk',
        'Kon Tum',
        null,
        null,
        null,
        'B',
        null,
        20,
        'Dễ',
      ],
    ];
    const width = (sheet.getRow(1).values as unknown[]).length;
    for (let r = 2; r <= Math.max(sheet.rowCount, mine.length + 1); r++)
      for (let c = 1; c < width; c++)
        sheet.getRow(r).getCell(c).value = (mine[r - 2]?.[c - 1] ?? null) as ExcelJS.CellValue;
    const res = await w.admin.upload(
      '/api/admin/questions/import',
      Buffer.from(await book.xlsx.writeBuffer()),
      'ngan-hang-cua-btc.xlsx',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: true, created: 5 });
    [ids.vneid, ids.qr, ids.services, ids.law, ids.tiebreak] = res.json().ids;
    const rows = (await w.staff.reviewer.get('/api/admin/questions?status=draft')).json() as {
      questionId: string;
    }[];
    expect(rows.map((r) => r.questionId)).toEqual(Object.values(ids));
    // drafts are not usable: nothing reaches the online rounds
    expect(await w.app.bank.approvedQuestions()).toEqual([]);
  });

  it('2. reviews: submitted → approved, or returned with a comment and fixed; nobody approves their own question', async () => {
    for (const id of Object.values(ids))
      expect((await w.admin.post(`/api/admin/questions/${id}/submit`)).statusCode).toBe(200);
    expect((await w.admin.post(`/api/admin/questions/${ids.qr}/submit`)).json().error.code).toBe(
      'WRONG_STATUS',
    );
    for (const id of [ids.vneid, ids.qr, ids.services, ids.tiebreak]) {
      const res = await w.staff.reviewer.post(`/api/admin/questions/${id}/approve`, { version: 1 });
      expect(res.statusCode, res.body).toBe(200);
    }
    const returned = await w.staff.reviewer.post(`/api/admin/questions/${ids.law}/return`, {
      version: 1,
      comment: 'Luật Căn cước 2023 gọi là "thẻ căn cước"; bỏ cách viết thứ hai.',
    });
    expect(returned.statusCode).toBe(200);
    expect(
      (await w.staff.reviewer.post(`/api/admin/questions/${ids.law}/return`, { version: 1, comment: 'x' }))
        .statusCode,
    ).toBe(400);
    const row = (
      (await w.admin.get('/api/admin/questions?status=returned')).json() as {
        questionId: string;
        reviewComment: string;
      }[]
    )[0];
    expect(row).toMatchObject({
      questionId: ids.law,
      reviewComment: expect.stringContaining('thẻ căn cước'),
    });

    // the author fixes it (same version, back to draft), sends it again, the reviewer approves
    const detail = (await w.admin.get(`/api/admin/questions/${ids.law}`)).json();
    const fixed = { ...detail.versions[0].content, key: { kind: 'text', accepted: ['Thẻ căn cước'] } };
    const edited = await w.admin.put(`/api/admin/questions/${ids.law}`, { rev: detail.rev, content: fixed });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().versions).toHaveLength(1);
    expect(edited.json().versions[0].status).toBe('draft');
    expect(
      (await w.admin.put(`/api/admin/questions/${ids.law}`, { rev: detail.rev, content: fixed })).statusCode,
    ).toBe(409); // stale rev
    await w.admin.post(`/api/admin/questions/${ids.law}/submit`);
    expect(
      (await w.staff.reviewer.post(`/api/admin/questions/${ids.law}/approve`, { version: 1 })).statusCode,
    ).toBe(200);
    const history = (await w.admin.get(`/api/admin/questions/${ids.law}`))
      .json()
      .history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['created', 'submitted', 'returned', 'edited', 'submitted', 'approved']);

    // a person who is both author and reviewer may not approve their own work
    await w.admin.post('/api/admin/accounts', {
      username: 'vua.soan.vua.duyet',
      displayName: 'Hai Vai',
      roles: ['admin', 'reviewer'],
      password: PASSWORD,
    });
    const both = await login(w.app, 'vua.soan.vua.duyet');
    const own = (
      await both.post('/api/admin/questions', {
        topicId: 't2',
        kind: 'truefalse',
        prompt: 'Câu tự soạn tự duyệt?',
        key: { kind: 'truefalse', answer: true },
      })
    ).json();
    await both.post(`/api/admin/questions/${own.questionId}/submit`);
    const self = await both.post(`/api/admin/questions/${own.questionId}/approve`, { version: 1 });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('SELF_REVIEW');
    expect(
      (await w.staff.reviewer.post(`/api/admin/questions/${own.questionId}/approve`, { version: 1 }))
        .statusCode,
    ).toBe(200);
    ids.own = own.questionId;
  });

  it('3. editing an approved question opens version 2; version 1 stays the usable one until 2 is approved', async () => {
    const detail = (await w.admin.get(`/api/admin/questions/${ids.vneid}`)).json();
    const v2 = {
      ...detail.versions[0].content,
      prompt: 'Ứng dụng VNeID do cơ quan nào xây dựng và quản lý?',
    };
    const res = await w.admin.put(`/api/admin/questions/${ids.vneid}`, { rev: detail.rev, content: v2 });
    expect(
      res.json().versions.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [1, 'approved'],
      [2, 'draft'],
    ]);
    const approved = await w.app.bank.approvedQuestions({ topicIds: ['t1'] });
    expect(approved).toEqual([expect.objectContaining({ questionId: ids.vneid, version: 1, topicId: 't1' })]);
    expect(approved[0].question).toMatchObject({
      id: ids.vneid,
      prompt: 'VNeID do cơ quan nào quản lý?',
      key: { kind: 'single', answer: 1 },
    });
    expect(await w.app.bank.questionVersion(ids.vneid, 2)).toBeNull(); // a draft is nobody's question yet
    expect(await w.app.bank.questionVersion(ids.vneid, 9)).toBeNull();
    expect((await w.app.bank.topics()).map((t) => t.name)).toHaveLength(7);
  });

  it('4. units, and the exclusion list the online rounds read', async () => {
    expect(
      (
        await w.staff.secretary.post('/api/admin/units', {
          groupName: 'Khối các sở, ngành',
          name: 'Sở Tư pháp',
          headcount: 45,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await w.staff.secretary.post('/api/admin/units', {
          groupName: 'Khối các sở, ngành',
          name: 'Công an tỉnh',
          headcount: 1200,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await w.staff.secretary.post('/api/admin/units', {
          groupName: 'khối các sở, ngành',
          name: 'sở tư pháp',
        })
      ).statusCode,
    ).toBe(409);
    const units = await w.app.units.units();
    expect(units).toEqual([
      expect.objectContaining({ name: 'Sở Tư pháp', groupName: 'Khối các sở, ngành', headcount: 45 }),
      expect.objectContaining({ name: 'Công an tỉnh', groupName: 'Khối các sở, ngành', headcount: 1200 }),
    ]);
    const bad = await w.staff.secretary.post('/api/admin/exclusions', {
      idNumber: '66190001234',
      name: 'Thiếu số',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await w.staff.secretary.post('/api/admin/exclusions', {
          idNumber: '066190001234',
          name: 'Võ Giám Khảo',
          role: 'BGK',
        })
      ).statusCode,
    ).toBe(201);
    expect(await w.app.exclusions.isExcluded('066190001234')).toBe(true);
    expect(await w.app.exclusions.isExcluded('066190001235')).toBe(false);
    const audit = JSON.stringify((await w.admin.get('/api/admin/audit?scope=exclusions')).json());
    expect(audit).toContain('0661****1234');
    expect(audit).not.toContain('066190001234');
  });

  it('5. builds a show from approved questions only, with rules, contestants and staff, and publishes exactly those versions', async () => {
    const plan = (
      await w.admin.post('/api/admin/shows', {
        title: 'Chung kết Rung chuông vàng 2023',
        showId: 'chung-ket',
      })
    ).json();
    expect(plan).toMatchObject({ showId: 'chung-ket', status: 'draft', rules: DEFAULT_RULES });
    const slots = [
      { pool: 'main', questionId: ids.vneid, version: 1, timeLimitSec: 15 },
      { pool: 'main', questionId: ids.qr, version: 1, timeLimitSec: 15 },
      { pool: 'main', questionId: ids.services, version: 1, timeLimitSec: 30 },
      { pool: 'golden', questionId: ids.law, version: 1, timeLimitSec: 30 },
      { pool: 'tiebreak', questionId: ids.tiebreak, version: 1, timeLimitSec: 20 },
    ];
    const rules = {
      ...DEFAULT_RULES,
      allWrongRule: 'all-eliminated',
      prizes: { first: 1, second: 1, third: 0, consolation: 0 },
    };
    const draft = await w.admin.put('/api/admin/shows/chung-ket', {
      rev: plan.rev,
      title: plan.title,
      seatCount: 3,
      rules,
      slots: [...slots, { pool: 'backup', questionId: ids.vneid, version: 2, timeLimitSec: 15 }],
    });
    expect(draft.statusCode).toBe(400); // the same question twice
    const notApproved = await w.admin.put('/api/admin/shows/chung-ket', {
      rev: plan.rev,
      title: plan.title,
      seatCount: 3,
      rules,
      slots: [{ pool: 'main', questionId: ids.vneid, version: 2, timeLimitSec: 15 }],
    });
    expect(notApproved.statusCode).toBe(409);
    expect(notApproved.json().error.code).toBe('NOT_APPROVED');
    const saved = await w.admin.put('/api/admin/shows/chung-ket', {
      rev: plan.rev,
      title: plan.title,
      seatCount: 3,
      rules,
      slots,
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const contestants = [
      { seat: 1, name: WINNER.normalize('NFD'), unit: 'Sở Tư pháp' },
      { seat: 2, name: "H'Linh Niê", unit: 'Công an tỉnh' },
      { seat: 3, name: 'Trần Văn Đức', unit: 'Công an tỉnh' },
    ];
    expect(
      (
        await w.staff.secretary.put('/api/admin/shows/chung-ket/contestants', {
          rev: saved.json().rev,
          contestants,
        })
      ).statusCode,
    ).toBe(200);
    const staff = await w.admin.put('/api/admin/shows/chung-ket/staff', {
      mc: [w.staff.mc.accountId],
      judge: [w.staff.judge.accountId],
    });
    expect(staff.statusCode).toBe(200);
    expect(
      (await w.admin.put('/api/admin/shows/chung-ket/staff', { mc: [w.staff.judge.accountId], judge: [] }))
        .statusCode,
    ).toBe(400); // not an MC

    // the reviewer approves version 2 meanwhile: the plan keeps version 1
    await w.admin.post(`/api/admin/questions/${ids.vneid}/submit`);
    await w.staff.reviewer.post(`/api/admin/questions/${ids.vneid}/approve`, { version: 2 });
    expect((await w.app.bank.approvedQuestions({ topicIds: ['t1'] }))[0].version).toBe(2);

    const published = await w.admin.post('/api/admin/shows/chung-ket/publish');
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', stage: 'lobby' });
    expect((await w.admin.post('/api/admin/shows/chung-ket/publish')).statusCode).toBe(409);
    expect(
      (
        await w.staff.secretary.put('/api/admin/shows/chung-ket/contestants', {
          rev: published.json().rev,
          contestants,
        })
      ).statusCode,
    ).toBe(409);

    const record = w.app.shows.record('chung-ket')!;
    expect(record.setup.rules.allWrongRule).toBe('all-eliminated');
    expect(record.setup.questions.map((q) => [q.id, q.pool, q.timeLimitSec])).toEqual(
      slots.map((s) => [s.questionId, s.pool, s.timeLimitSec]),
    );
    expect(record.setup.questions[0].prompt).toBe('VNeID do cơ quan nào quản lý?'); // version 1, exactly
    expect(record.setup.questions[3].key).toEqual({ kind: 'text', accepted: ['Thẻ căn cước'] });
    expect(record.setup.seats[0].name).toBe(WINNER.normalize('NFD'));
    // the ADMIN_TOKEN automation path sees the same show
    expect(
      (
        await w.app.inject({
          url: '/api/shows/chung-ket',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        })
      ).json().questionCount,
    ).toBe(5);

    const mcShows = (await w.staff.mc.get('/api/admin/shows')).json();
    expect(mcShows).toEqual([expect.objectContaining({ showId: 'chung-ket', myRoles: ['mc'] })]);
    expect((await w.staff.reviewer.get('/api/admin/shows')).statusCode).toBe(403);
  });

  it('6. the assigned MC opens the console signed in, without a PIN, and runs the first question; others cannot', async () => {
    const mcCookie = { cookie: w.staff.mc.cookie };
    expect(await refusal({ role: 'host', showId: 'chung-ket' })).toBe('UNAUTHORIZED');
    expect(await refusal({ role: 'host', showId: 'chung-ket' }, { cookie: w.staff.judge.cookie })).toBe(
      'FORBIDDEN',
    );
    expect(await refusal({ role: 'host', showId: 'chung-ket' }, { cookie: w.staff.secretary.cookie })).toBe(
      'FORBIDDEN',
    );
    expect(
      await refusal({ role: 'host', showId: 'chung-ket' }, { ...mcCookie, origin: 'http://evil.example' }),
    ).toBe('FORBIDDEN');
    expect(await refusal({ role: 'host', showId: 'khong-co' }, mcCookie)).toBe('SHOW_NOT_FOUND');

    const mc = await connect({ role: 'host', showId: 'chung-ket' }, mcCookie);
    expect(mc.state.session).toMatchObject({ role: 'host', name: 'Phạm Dẫn Chương', actorId: 'mc:mc.chinh' });
    const judge = await connect({ role: 'judge', showId: 'chung-ket' }, { cookie: w.staff.judge.cookie });
    expect(judge.state.session?.role).toBe('judge');

    // PINs stay for hall devices: seat cards for the tablets
    const cards = (await w.staff.secretary.get('/api/admin/shows/chung-ket/seat-cards')).json() as {
      seat: number;
      pin: string;
      joinUrl: string;
    }[];
    expect(cards).toHaveLength(3);
    expect(cards[0].joinUrl).toContain('/board/?show=chung-ket#t=');
    const seats = await Promise.all(
      cards.map((c) => connect({ role: 'player', showId: 'chung-ket', seat: c.seat, pin: c.pin })),
    );

    ok(await mc.command('show:start'));
    ok(await mc.command('question:show', { mode: 'main' }));
    ok(await mc.command('question:open'));
    const round = (mc.state.view as HostView).round!.index;
    ok(await seats[0].answer(round, 1));
    ok(await seats[1].answer(round, 0));
    ok(await seats[2].answer(round, 1));
    ok(await mc.command('question:lock'));
    const revealed = ok(await mc.command('question:reveal'));
    await until(judge, (c) => (c.state.view?.version ?? 0) >= revealed.version);
    const standing = (await w.app.shows.runner('chung-ket')!).state.seats.map((s) => s.status);
    expect(standing).toEqual(['standing', 'eliminated', 'standing']);
    const trail = await w.app.store.auditTrail('chung-ket');
    expect(trail.find((c) => c.type === 'show:start')).toMatchObject({
      actorId: 'mc:mc.chinh',
      role: 'host',
    });

    // the judge overturns seat 2 with a reason (recorded under the judge's name); the MC finishes; prizes confirmed
    const revised = ok(
      await judge.command('verdict:revise', {
        round,
        seat: 2,
        correct: true,
        reason: 'Đáp án A cũng được chấp nhận theo văn bản mới',
      }),
    );
    await until(mc, (c) => (c.state.view?.version ?? 0) >= revised.version);
    ok(await mc.command('show:finish'));
    const results = (await w.staff.secretary.get('/api/admin/shows/chung-ket/results')).json();
    expect(results.stage).toBe('finished');
    ok(await mc.command('prizes:confirm', { awards: results.proposedPrizes }));
    expect(
      (await w.app.store.auditTrail('chung-ket')).find((c) => c.type === 'verdict:revise')?.actorId,
    ).toBe('judge:bgk.mot');
  });

  it("7. exports the records as XLSX: standings, unit standings, every seat's answers, the audit trail", async () => {
    const all = await w.staff.secretary.get('/api/admin/shows/chung-ket/export/all');
    expect(all.statusCode).toBe(200);
    expect(await sheetNames(all.rawPayload)).toEqual([
      'Xếp hạng',
      'Xếp hạng đơn vị',
      'Câu trả lời',
      'Nhật ký điều khiển',
      'Nhật ký quản trị',
    ]);
    const standings = await readXlsx(
      (await w.staff.secretary.get('/api/admin/shows/chung-ket/export/standings')).rawPayload,
    );
    expect(standings[0]).toContain('Họ và tên');
    expect(standings.slice(1).map((r) => r[3])).toContain(WINNER.normalize('NFD'));
    const answers = await readXlsx(
      (await w.staff.secretary.get('/api/admin/shows/chung-ket/export/answers')).rawPayload,
    );
    expect(answers.slice(1).map((r) => [r[6], r[8], r[9]])).toEqual([
      [1, 'B', 'Đúng'],
      [2, 'A', 'Đúng'],
      [3, 'B', 'Đúng'],
    ]);
    expect(answers[2][12]).toContain('BGK sửa: Đáp án A cũng được chấp nhận');
    const units = await readXlsx(
      (await w.staff.secretary.get('/api/admin/shows/chung-ket/export/units')).rawPayload,
    );
    expect(
      units
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['Công an tỉnh', 'Sở Tư pháp']);
    const audit = await readXlsx(
      (await w.staff.secretary.get('/api/admin/shows/chung-ket/export/audit')).rawPayload,
    );
    expect(audit.some((r) => r[4] === 'question:reveal' && r[2] === 'mc:mc.chinh')).toBe(true);
    expect((await w.staff.secretary.get('/api/admin/shows/chung-ket/export/nothing')).statusCode).toBe(400);
  });

  it("8. prints a Giấy chứng nhận per prize winner: A4, an embedded font, the winner's Vietnamese name intact", async () => {
    const res = await w.staff.secretary.get('/api/admin/shows/chung-ket/certificates.pdf?seat=1');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/); // the TrueType font travels inside the file
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(pdf),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    expect(doc.numPages).toBe(1);
    const page = await doc.getPage(1);
    const [, , width, height] = page.view;
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]); // A4 landscape, in points
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('\n');
    expect(text).toContain(WINNER); // composed again, every diacritic in place
    expect(text).toContain('GIẤY CHỨNG NHẬN');
    expect(text).toContain('GIẢI NHẤT');
    expect(text).toContain('Chung kết Rung chuông vàng 2023');
    expect(text).toContain('Đơn vị: Sở Tư pháp');
    // a subset of Noto Serif, embedded (no font left for the printer's machine to substitute)
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerif-Bold/);

    const every = await w.staff.secretary.get('/api/admin/shows/chung-ket/certificates.pdf');
    const all = await pdfjs.getDocument({
      data: new Uint8Array(every.rawPayload),
      useSystemFonts: false,
      isEvalSupported: false,
    }).promise;
    const awards = w.app.shows.runner('chung-ket')!.state.prizes!.flatMap((a) => a.seats);
    expect(all.numPages).toBe(awards.length);
    expect(
      (await w.staff.secretary.get('/api/admin/shows/chung-ket/certificates.pdf?seat=99')).statusCode,
    ).toBe(404);
    expect((await w.staff.mc.get('/api/admin/shows/chung-ket/certificates.pdf')).statusCode).toBe(403);
  });

  it('9. keeps the admin audit: who, when, what, before → after, filtered and exported', async () => {
    const bank = (await w.admin.get('/api/admin/audit?scope=bank')).json() as {
      seq: number;
      action: string;
      actorName: string;
      before: unknown;
      after: unknown;
      target: string;
    }[];
    expect(bank.map((e) => e.seq)).toEqual(bank.map((_, i) => i + 1));
    const edit = bank.find((e) => e.action === 'question.edit' && e.target === `${ids.vneid} v2`)!;
    expect(edit.actorName).toBe('Nguyễn Văn Quản');
    expect(edit.before).toMatchObject({ prompt: 'VNeID do cơ quan nào quản lý?' });
    expect(edit.after).toMatchObject({ prompt: 'Ứng dụng VNeID do cơ quan nào xây dựng và quản lý?' });
    const approvals = (
      await w.admin.get('/api/admin/audit?action=question.approve&actor=tham dinh')
    ).json() as { actorName: string }[];
    expect(approvals.length).toBeGreaterThanOrEqual(6);
    expect(new Set(approvals.map((a) => a.actorName))).toEqual(new Set(['Trần Thẩm Định']));
    const show = (await w.admin.get('/api/admin/audit?scope=show:chung-ket')).json() as { action: string }[];
    expect(show.map((e) => e.action)).toEqual([
      'show.create',
      'show.update',
      'show.contestants',
      'show.staff',
      'show.publish',
    ]);
    const now = Date.now();
    expect((await w.admin.get(`/api/admin/audit?from=${now + 60_000}`)).json()).toEqual([]);
    const file = await w.staff.secretary.get('/api/admin/audit/export?scope=bank');
    const rows = await readXlsx(file.rawPayload);
    expect(rows[0]).toEqual([
      'Phạm vi',
      'STT',
      'Thời điểm (giờ Việt Nam)',
      'Người thực hiện',
      'Qua',
      'Thao tác',
      'Đối tượng',
      'Trước',
      'Sau',
    ]);
    expect(rows).toHaveLength(bank.length + 1);
  });
});
