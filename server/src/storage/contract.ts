/**
 * The one test suite every Store adapter must pass. Each adapter's `*.contract.test.ts` calls
 * `runStoreContract` with a factory that opens a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '@cv/shared/protocol';
import type { ShowSetup } from '../engine/types.ts';
import type { GroupCommitStats } from './group-commit.ts';
import { chainOf, GENESIS, verifyChain } from '../audit/chain.ts';
import type { AudienceAnswerRecord, CommandRecord, ShowRecord, Store } from './port.ts';

/** records as appended: the store adds each one's link in the hash chain (checked on its own below) */
const unlinked = (records: CommandRecord[]) => records.map(({ hash: _hash, ...r }) => r);

export interface StoreFixture {
  store: Store;
  /** open the same data again (after `store.close()`) */
  reopen: () => Promise<Store>;
  /** remove the data; stores it opened are closed by the suite */
  cleanup: () => Promise<void>;
}

/** what adapter classes expose beyond Store for tests and metrics */
export interface GroupCommitted {
  stats(): GroupCommitStats;
  /** the next batch fails inside its transaction with `error` */
  failNextBatch(error: Error): void;
}

function groupCommitted(store: Store): GroupCommitted {
  const s = store as Partial<GroupCommitted>;
  if (typeof s.stats !== 'function' || typeof s.failNextBatch !== 'function') {
    throw new Error(`${store.kind} store must expose stats() and failNextBatch()`);
  }
  return s as GroupCommitted;
}

export function sampleSetup(showId: string, title: string): ShowSetup {
  return {
    showId,
    title,
    rules: DEFAULT_RULES,
    seats: [
      { seat: 1, name: 'Nguyễn Thị Ánh', unit: 'Sở Tư pháp' },
      { seat: 2, name: 'Trần Văn Đức' },
    ],
    questions: [
      {
        id: 'q1',
        kind: 'single',
        prompt: 'Đề án 06 do cơ quan nào chủ trì?',
        options: ['Bộ Công an', 'Bộ Tư pháp', 'Bộ Nội vụ', 'Bộ TT&TT'],
        timeLimitSec: 15,
        pool: 'main',
        key: { kind: 'single', answer: 0 },
      },
      {
        id: 'q2',
        kind: 'text',
        prompt: 'Tên ứng dụng định danh điện tử quốc gia?',
        timeLimitSec: 20,
        pool: 'main',
        key: { kind: 'text', accepted: ['VNeID'] },
      },
    ],
  };
}

export function sampleShow(
  showId: string,
  createdAt: number,
  title = 'Rung chuông vàng — Đề án 06',
): ShowRecord {
  return {
    showId,
    title,
    createdAt,
    setup: sampleSetup(showId, title),
    secrets: {
      hostPin: '123456',
      judgePin: '654321',
      displayToken: 'display-tok',
      seats: { 1: { pin: '1111', joinToken: 'seat-1-tok' }, 2: { pin: '2222', joinToken: 'seat-2-tok' } },
    },
  };
}

export function cmd(
  showId: string,
  version: number | null,
  extra: Partial<CommandRecord> = {},
): CommandRecord {
  return {
    showId,
    version,
    engineVersion: 2,
    at: 1_700_000_000_000 + (version ?? 0),
    actorId: 'host',
    role: 'host',
    type: 'round:show',
    payload: { questionId: `q${version ?? 'x'}`, note: 'Câu hỏi số 1, "khó"' },
    outcome: version === null ? 'STALE_VERSION' : 'ok',
    ...extra,
  };
}

function answer(showId: string, audienceId: string, round: number, value: unknown): AudienceAnswerRecord {
  return { showId, audienceId, name: `Khán giả ${audienceId}`, round, value, at: 1_700_000_000_000 + round };
}

export function runStoreContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;
    const opened: Store[] = [];

    beforeEach(async () => {
      fixture = await makeStore();
      store = fixture.store;
      opened.push(store);
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close().catch(() => undefined);
      await fixture.cleanup();
    });

    async function reopen(): Promise<Store> {
      await store.close();
      store = await fixture.reopen();
      opened.push(store);
      return store;
    }

    describe('shows', () => {
      it('creates and gets a show, unchanged, Vietnamese text included', async () => {
        const show = sampleShow('show-1', 1000);
        await store.createShow(show);
        expect(await store.getShow('show-1')).toEqual(show);
        expect(await store.getShow('nope')).toBeNull();
      });

      it('refuses a second show with the same id and keeps the first', async () => {
        await store.createShow(sampleShow('dup', 1000, 'Thứ nhất'));
        await expect(store.createShow(sampleShow('dup', 2000, 'Thứ hai'))).rejects.toMatchObject({
          code: 'SHOW_EXISTS',
        });
        expect((await store.getShow('dup'))?.title).toBe('Thứ nhất');
        expect(await store.listShows()).toHaveLength(1);
      });

      it('lists shows oldest first', async () => {
        await store.createShow(sampleShow('b', 3000));
        await store.createShow(sampleShow('c', 1000));
        await store.createShow(sampleShow('a', 2000));
        expect((await store.listShows()).map((s) => s.showId)).toEqual(['c', 'a', 'b']);
      });

      it('updates only the patched fields', async () => {
        const show = sampleShow('upd', 1000);
        await store.createShow(show);
        await store.updateShow('upd', { title: 'Chung kết' });
        expect(await store.getShow('upd')).toEqual({ ...show, title: 'Chung kết' });

        const setup = { ...show.setup, seats: [...show.setup.seats, { seat: 3, name: 'Lê Hoàng' }] };
        const secrets = { ...show.secrets, hostPin: '999999' };
        await store.updateShow('upd', { setup, secrets });
        expect(await store.getShow('upd')).toEqual({ ...show, title: 'Chung kết', setup, secrets });
        await store.updateShow('upd', { title: '' });
        expect((await store.getShow('upd'))?.title).toBe('');
      });

      it('refuses to update a show that does not exist', async () => {
        await expect(store.updateShow('ghost', { title: 'x' })).rejects.toMatchObject({
          code: 'SHOW_NOT_FOUND',
        });
        expect(await store.getShow('ghost')).toBeNull();
      });
    });

    describe('commands', () => {
      it('loads accepted commands after a version, ascending, without rejected ones', async () => {
        await store.append([cmd('s', 1), cmd('s', null), cmd('s', 2)]);
        await store.append([cmd('s', 3), cmd('other', 1), cmd('s', null, { outcome: 'ANSWER_LATE' })]);
        await store.append([cmd('s', 4)]);

        expect((await store.loadCommands('s', 0)).map((c) => c.version)).toEqual([1, 2, 3, 4]);
        expect((await store.loadCommands('s', 2)).map((c) => c.version)).toEqual([3, 4]);
        expect(await store.loadCommands('s', 4)).toEqual([]);
        expect(unlinked(await store.loadCommands('other', 0))).toEqual([cmd('other', 1)]);
        expect(await store.loadCommands('nobody', 0)).toEqual([]);
        expect(unlinked(await store.loadCommands('s', 0))[2]).toEqual(cmd('s', 3));
      });

      it('keeps every command, rejected ones too, in arrival order in the audit trail', async () => {
        const records = [
          cmd('s', 1),
          cmd('s', null, {
            actorId: 'seat:7',
            role: 'player',
            type: 'answer:submit',
            payload: { value: 'Hà Nội' },
          }),
          cmd('s', 2, {
            actorId: 'judge',
            role: 'judge',
            type: 'verdict:revise',
            payload: { reason: 'Đúng, "VNeID"\nhợp lệ' },
          }),
          cmd('s', null, { outcome: 'FORBIDDEN', payload: null }),
          cmd('s', 3, { payload: [1, 'hai', { ba: true }] }),
        ];
        await store.append(records.slice(0, 2));
        await store.append(records.slice(2));
        expect(unlinked(await store.auditTrail('s'))).toEqual(records);
        expect(await store.auditTrail('other')).toEqual([]);
      });

      it('links every record to the one before it of its show when writing it (a tamper-evident trail)', async () => {
        await store.append([cmd('s', 1), cmd('t', 1), cmd('s', null, { outcome: 'FORBIDDEN' })]);
        await store.append([cmd('s', 2, { payload: { reason: 'Đúng', __proto__: null } })]);
        const trail = await store.auditTrail('s');
        expect(trail.every((r) => typeof r.hash === 'string' && r.hash.length === 64)).toBe(true);
        const verdict = verifyChain(chainOf(trail));
        expect(verdict).toEqual({ ok: true, entries: 3, digest: trail[2].hash });
        // the other show's chain starts afresh
        expect(chainOf(await store.auditTrail('t'))[0].prev).toBe(GENESIS);
        // a record changed after it was written no longer matches its link
        const altered = trail.map((r, i) => (i === 1 ? { ...r, outcome: 'ok' } : r));
        expect(verifyChain(chainOf(altered))).toMatchObject({ ok: false, line: 2 });
      });

      it('keeps the engine version of every record, null where none was recorded', async () => {
        const records = [
          cmd('s', 1),
          cmd('s', 2, { engineVersion: 7 }),
          cmd('s', null, { engineVersion: null }),
        ];
        await store.append(records);
        expect((await store.auditTrail('s')).map((c) => c.engineVersion)).toEqual([2, 7, null]);
        expect((await store.loadCommands('s', 0)).map((c) => c.engineVersion)).toEqual([2, 7]);
      });

      it('stores an undefined payload as null and accepts an empty append', async () => {
        await store.append([]);
        await store.append([cmd('s', 1, { payload: undefined })]);
        expect((await store.auditTrail('s'))[0].payload).toBeNull();
      });

      it('writes what was appended, not later mutations of the objects', async () => {
        const record = cmd('s', 1, { payload: { n: 1 } });
        const done = store.append([record]);
        (record.payload as { n: number }).n = 2;
        await done;
        expect((await store.auditTrail('s'))[0].payload).toEqual({ n: 1 });
      });
    });

    describe('audience answers', () => {
      it('appends and loads audience answers per show in order', async () => {
        const a = [
          answer('s', 'aud-1', 1, 0),
          answer('s', 'aud-2', 1, 'Đắk Lắk'),
          answer('other', 'aud-1', 1, true),
        ];
        const b = [answer('s', 'aud-1', 2, [0, 2])];
        await store.appendAudienceAnswers(a);
        await store.appendAudienceAnswers(b);
        expect(await store.loadAudienceAnswers('s')).toEqual([a[0], a[1], b[0]]);
        expect(await store.loadAudienceAnswers('other')).toEqual([a[2]]);
        expect(await store.loadAudienceAnswers('none')).toEqual([]);
      });
    });

    describe('snapshots', () => {
      it('keeps the latest snapshot per show', async () => {
        expect(await store.loadSnapshot('s')).toBeNull();
        await store.saveSnapshot('s', {
          version: 5,
          state: { stage: 'running', seats: [{ name: 'Ánh' }] },
          engineVersion: 2,
        });
        await store.saveSnapshot('t', { version: 1, state: { stage: 'lobby' }, engineVersion: null });
        await store.saveSnapshot('s', {
          version: 9,
          state: { stage: 'finished', seats: [] },
          engineVersion: 3,
        });
        expect(await store.loadSnapshot('s')).toEqual({
          version: 9,
          state: { stage: 'finished', seats: [] },
          engineVersion: 3,
        });
        expect(await store.loadSnapshot('t')).toEqual({
          version: 1,
          state: { stage: 'lobby' },
          engineVersion: null,
        });
      });
    });

    describe('meta', () => {
      it('gets and overwrites meta values', async () => {
        expect(await store.getMeta('lastSeenAt')).toBeNull();
        await store.setMeta('lastSeenAt', '1700000000000');
        await store.setMeta('owner', 'Ban Tổ chức');
        await store.setMeta('lastSeenAt', '1700000000500');
        expect(await store.getMeta('lastSeenAt')).toBe('1700000000500');
        expect(await store.getMeta('owner')).toBe('Ban Tổ chức');
      });
    });

    describe('ordering and durability', () => {
      it('lets a read see writes queued before it (read-your-writes in call order)', async () => {
        void store.append([cmd('s', 1)]);
        void store.setMeta('k', 'v');
        void store.createShow(sampleShow('s', 1));
        expect(await store.loadCommands('s', 0)).toHaveLength(1);
        expect(await store.getMeta('k')).toBe('v');
        expect(await store.getShow('s')).not.toBeNull();
      });

      it('keeps everything across close and reopen', async () => {
        const show = sampleShow('durable', 1000);
        await store.createShow(show);
        await store.updateShow('durable', { title: 'Bán kết' });
        await store.append([cmd('durable', 1), cmd('durable', null), cmd('durable', 2)]);
        await store.appendAudienceAnswers([answer('durable', 'aud-1', 1, 2)]);
        await store.saveSnapshot('durable', { version: 2, state: { ok: true }, engineVersion: 2 });
        await store.setMeta('lastSeenAt', '42');

        const again = await reopen();
        expect(again.kind).toBe(store.kind);
        expect(await again.getShow('durable')).toEqual({ ...show, title: 'Bán kết' });
        expect(await again.listShows()).toHaveLength(1);
        expect((await again.loadCommands('durable', 0)).map((c) => c.version)).toEqual([1, 2]);
        expect(await again.auditTrail('durable')).toHaveLength(3);
        expect(await again.loadAudienceAnswers('durable')).toEqual([answer('durable', 'aud-1', 1, 2)]);
        expect(await again.loadSnapshot('durable')).toEqual({
          version: 2,
          state: { ok: true },
          engineVersion: 2,
        });
        expect(await again.getMeta('lastSeenAt')).toBe('42');
      });

      it('flushes pending writes on close, then refuses new ones', async () => {
        const pending = [store.append([cmd('s', 1)]), store.append([cmd('s', 2)]), store.setMeta('k', 'v')];
        await store.close();
        await expect(Promise.all(pending)).resolves.toBeDefined();
        await expect(store.append([cmd('s', 3)])).rejects.toMatchObject({ code: 'STORE_CLOSED' });

        const again = await fixture.reopen();
        opened.push(again);
        expect((await again.loadCommands('s', 0)).map((c) => c.version)).toEqual([1, 2]);
        expect(await again.getMeta('k')).toBe('v');
      });
    });

    describe('group commit', () => {
      it('commits 2,000 concurrent appends in a handful of transactions, in call order', async () => {
        const gc = groupCommitted(store);
        const before = gc.stats();
        const records = Array.from({ length: 2000 }, (_, i) =>
          cmd('burst', i + 1, { actorId: `seat:${(i % 100) + 1}` }),
        );
        const acks = await Promise.all(records.map((r) => store.append([r])));
        expect(acks).toHaveLength(2000);
        const after = gc.stats();
        expect(after.records - before.records).toBe(2000);
        expect(after.batches - before.batches).toBeGreaterThan(0);
        expect(after.batches - before.batches).toBeLessThanOrEqual(20);
        expect(unlinked(await store.auditTrail('burst'))).toEqual(records);
        expect(unlinked(await store.loadCommands('burst', 1990))).toEqual(records.slice(1990));
        expect(verifyChain(chainOf(await store.auditTrail('burst')))).toMatchObject({
          ok: true,
          entries: 2000,
        });
      });

      it('caps a transaction at 5,000 records without losing or reordering any', async () => {
        const gc = groupCommitted(store);
        const before = gc.stats();
        const records = Array.from({ length: 6000 }, (_, i) => cmd('big', i + 1));
        await Promise.all(records.map((r) => store.append([r])));
        const after = gc.stats();
        expect(after.batches - before.batches).toBeGreaterThanOrEqual(2);
        expect(after.largestBatch).toBeLessThanOrEqual(5000);
        expect((await store.loadCommands('big', 0)).map((c) => c.version)).toEqual(
          records.map((r) => r.version),
        );
      });

      it('acknowledges each append only after it is readable', async () => {
        const seen: number[] = [];
        await Promise.all(
          [1, 2, 3].map((v) =>
            store.append([cmd('ack', v)]).then(async () => {
              seen.push((await store.loadCommands('ack', v - 1)).length > 0 ? v : -v);
            }),
          ),
        );
        expect(seen.sort()).toEqual([1, 2, 3]);
      });

      it('rejects an unserialisable append alone; the rest of its batch and later appends commit', async () => {
        const bad = cmd('s', 2, { payload: { big: 10n } });
        const results = await Promise.allSettled([
          store.append([cmd('s', 1)]),
          store.append([cmd('s', 99), bad]),
          store.append([cmd('s', 3)]),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'NOT_SERIALIZABLE' });
        await store.append([cmd('s', 4)]);
        expect((await store.auditTrail('s')).map((c) => c.version)).toEqual([1, 3, 4]);
      });

      it('rejects every promise of a failed batch, stores none of it, and keeps committing later batches', async () => {
        const gc = groupCommitted(store);
        await store.append([cmd('f', 1)]);
        const boom = new Error('disk on fire');
        gc.failNextBatch(boom);
        const failed = await Promise.allSettled([
          store.append([cmd('f', 2)]),
          store.append([cmd('f', null)]),
          store.setMeta('during', 'failure'),
          store.append([cmd('f', 3)]),
        ]);
        expect(failed.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
          boom,
          boom,
          boom,
          boom,
        ]);
        expect(gc.stats().failedBatches).toBe(1);

        await Promise.all([store.append([cmd('f', 2)]), store.append([cmd('f', 3)])]);
        expect((await store.auditTrail('f')).map((c) => c.version)).toEqual([1, 2, 3]);
        expect(await store.getMeta('during')).toBeNull();
      });
    });
  });
}
