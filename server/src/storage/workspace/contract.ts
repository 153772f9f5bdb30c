/**
 * The one suite every workspace adapter must pass. Each adapter's test opens a show Store and the
 * workspace port on its connection (the way the app does) through `makeFixture`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS, verifyChain } from '../../audit/chain.ts';
import type { Store } from '../port.ts';
import type { AuditInput, WorkspaceStore } from './port.ts';
import { workspaceStoreOn } from './index.ts';

export interface WorkspaceFixture {
  store: Store;
  /** open the same data again (after the store was closed) */
  reopen: () => Promise<Store>;
  cleanup: () => Promise<void>;
}

const entry = (scope: string, action: string, at: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  scope,
  at,
  actorId: 'acc-1',
  actorName: 'Nguyễn Văn Quản',
  via: 'session',
  action,
  target: 'CH00001',
  before: { prompt: 'Cũ' },
  after: { prompt: 'Mới "có ngoặc"\nxuống dòng' },
  ...extra,
});

export function runWorkspaceContract(name: string, makeFixture: () => Promise<WorkspaceFixture>): void {
  describe(`Workspace store contract: ${name}`, () => {
    let fixture: WorkspaceFixture;
    let store: Store;
    let ws: WorkspaceStore;

    beforeEach(async () => {
      fixture = await makeFixture();
      store = fixture.store;
      ws = workspaceStoreOn(store);
    });
    afterEach(async () => {
      await store.close().catch(() => undefined);
      await fixture.cleanup();
    });

    it('puts, gets and lists documents with revisions, Vietnamese text unchanged', async () => {
      expect(await ws.get('accounts', 'a1')).toBeNull();
      await ws.write([
        { op: 'put', collection: 'accounts', id: 'b2', doc: { name: 'Trần Thị Bình' }, expect: 'absent' },
        { op: 'put', collection: 'accounts', id: 'a1', doc: { name: 'Nguyễn Văn An', roles: ['admin'] } },
        { op: 'put', collection: 'topics', id: 't1', doc: { name: 'Ứng dụng VNeID' } },
      ]);
      expect(await ws.get('accounts', 'a1')).toEqual({
        id: 'a1',
        rev: 1,
        doc: { name: 'Nguyễn Văn An', roles: ['admin'] },
      });
      await ws.write([
        { op: 'put', collection: 'accounts', id: 'a1', doc: { name: 'Nguyễn Văn Ân' }, expect: 1 },
      ]);
      expect(await ws.get('accounts', 'a1')).toEqual({ id: 'a1', rev: 2, doc: { name: 'Nguyễn Văn Ân' } });
      expect((await ws.list('accounts')).map((d) => [d.id, d.rev])).toEqual([
        ['a1', 2],
        ['b2', 1],
      ]);
      expect(await ws.list('nothing')).toEqual([]);
    });

    it('treats ids and collections as data: __proto__ and constructor are ordinary ids', async () => {
      await ws.write([
        { op: 'put', collection: 'units', id: '__proto__', doc: { n: 1 } },
        { op: 'put', collection: 'units', id: 'constructor', doc: { n: 2 } },
      ]);
      expect((await ws.get('units', '__proto__'))?.doc).toEqual({ n: 1 });
      expect((await ws.list('units')).map((d) => d.id)).toEqual(['__proto__', 'constructor']);
    });

    it('refuses a whole batch when one expectation fails, and writes nothing of it', async () => {
      await ws.write([{ op: 'put', collection: 'q', id: 'x', doc: { v: 1 } }]);
      const attempt = ws.write(
        [
          { op: 'put', collection: 'q', id: 'y', doc: { v: 1 } },
          { op: 'put', collection: 'q', id: 'x', doc: { v: 2 }, expect: 7 },
        ],
        [entry('bank', 'question.edit', 1)],
      );
      await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await ws.get('q', 'y')).toBeNull();
      expect((await ws.get('q', 'x'))?.doc).toEqual({ v: 1 });
      expect(await ws.audit()).toEqual([]);

      await expect(
        ws.write([{ op: 'put', collection: 'q', id: 'x', doc: { v: 3 }, expect: 'absent' }]),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(ws.write([{ op: 'delete', collection: 'q', id: 'x', expect: 2 }])).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      expect((await ws.get('q', 'x'))?.rev).toBe(1);
    });

    it('sees earlier writes of the same batch when checking later ones', async () => {
      await ws.write([
        { op: 'put', collection: 'q', id: 'n', doc: { v: 1 }, expect: 'absent' },
        { op: 'put', collection: 'q', id: 'n', doc: { v: 2 }, expect: 1 },
      ]);
      expect(await ws.get('q', 'n')).toEqual({ id: 'n', rev: 2, doc: { v: 2 } });
      await expect(
        ws.write([
          { op: 'put', collection: 'q', id: 'm', doc: {}, expect: 'absent' },
          { op: 'put', collection: 'q', id: 'm', doc: {}, expect: 'absent' },
        ]),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await ws.get('q', 'm')).toBeNull();
    });

    it('deletes, and a deleted document can be created again from revision 1', async () => {
      await ws.write([{ op: 'put', collection: 'q', id: 'd', doc: { v: 1 } }]);
      await ws.write([{ op: 'put', collection: 'q', id: 'd', doc: { v: 2 } }]);
      await ws.write([{ op: 'delete', collection: 'q', id: 'd', expect: 2 }]);
      expect(await ws.get('q', 'd')).toBeNull();
      await ws.write([{ op: 'put', collection: 'q', id: 'd', doc: { v: 3 }, expect: 'absent' }]);
      expect(await ws.get('q', 'd')).toEqual({ id: 'd', rev: 1, doc: { v: 3 } });
    });

    it('appends audit records with a gap-free sequence per scope, in write order, filtered by scope and time', async () => {
      await ws.write([], [entry('bank', 'question.create', 100), entry('accounts', 'account.create', 110)]);
      await ws.write(
        [{ op: 'put', collection: 'q', id: 'a', doc: {} }],
        [entry('bank', 'question.edit', 120), entry('show:demo', 'show.publish', 130)],
      );
      await ws.write([], [entry('bank', 'question.approve', 140, { via: 'token', actorId: null })]);
      const all = await ws.audit();
      expect(all.map((r) => [r.scope, r.seq, r.action])).toEqual([
        ['bank', 1, 'question.create'],
        ['accounts', 1, 'account.create'],
        ['bank', 2, 'question.edit'],
        ['show:demo', 1, 'show.publish'],
        ['bank', 3, 'question.approve'],
      ]);
      expect(all[2]).toEqual({ ...entry('bank', 'question.edit', 120), seq: 2 });
      expect(all[4]).toMatchObject({ via: 'token', actorId: null });
      expect((await ws.audit({ scope: 'bank' })).map((r) => r.seq)).toEqual([1, 2, 3]);
      expect((await ws.audit({ from: 110, to: 130 })).map((r) => r.action)).toEqual([
        'account.create',
        'question.edit',
        'show.publish',
      ]);
    });

    it('hash-chains the audit across scopes and writers; the chain verifies and names an altered entry', async () => {
      await ws.write([], [entry('bank', 'question.create', 100), entry('accounts', 'account.create', 110)]);
      // a second writer on the same data (another node, or another connection) appending at the same time
      const other = await fixture.reopen();
      const ws2 = workspaceStoreOn(other);
      try {
        await Promise.all([
          ...[1, 2, 3].map((i) => ws.write([], [entry('bank', 'question.edit', 120 + i)])),
          ...[1, 2, 3].map((i) => ws2.write([], [entry('show:demo', 'show.publish', 130 + i)])),
        ]);
      } finally {
        await other.close();
      }
      await expect(
        ws.write([{ op: 'put', collection: 'q', id: 'z', doc: {}, expect: 3 }], [entry('bank', 'lost', 1)]),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await ws.write([], [entry('bank', 'question.approve', 140, { before: undefined })]);

      const chain = await ws.chainedAudit();
      const records = await ws.audit();
      expect(chain).toHaveLength(9);
      expect(chain.map(({ prev: _p, hash: _h, ...r }) => r)).toEqual(records);
      expect(verifyChain(JSON.parse(JSON.stringify(chain)) as unknown[])).toMatchObject({
        ok: true,
        entries: 9,
      });
      expect(chain[0].prev).toBe(GENESIS);
      // the links were stored when written: they are the same after a reopen, and new entries follow them
      await store.close();
      store = await fixture.reopen();
      ws = workspaceStoreOn(store);
      expect((await ws.chainedAudit()).map((l) => l.hash)).toEqual(chain.map((l) => l.hash));
      await ws.write([], [entry('accounts', 'login', 150)]);
      const longer = await ws.chainedAudit();
      expect(longer[9].prev).toBe(chain[8].hash);
      expect(verifyChain(longer)).toMatchObject({ ok: true, entries: 10 });

      const altered = JSON.parse(JSON.stringify(longer)) as { target: string }[];
      altered[3].target = 'CH99999';
      expect(verifyChain(altered)).toMatchObject({ ok: false, line: 4 });
      const removed = longer.filter((_, i) => i !== 5);
      expect(verifyChain(removed)).toMatchObject({ ok: false, line: 6 });
    });

    it('hands out consecutive numbers per sequence', async () => {
      expect(await ws.allocate('question')).toBe(1);
      expect(await ws.allocate('question', 5000)).toBe(2);
      expect(await ws.allocate('question')).toBe(5002);
      expect(await ws.allocate('unit', 3)).toBe(1);
    });

    it('keeps documents, audit and sequences across close and reopen', async () => {
      await ws.write(
        [{ op: 'put', collection: 'sessions', id: 'h1', doc: { accountId: 'a1', expiresAt: 5 } }],
        [entry('accounts', 'login', 1)],
      );
      await ws.allocate('question', 10);
      await store.close();
      store = await fixture.reopen();
      ws = workspaceStoreOn(store);
      expect(await ws.get('sessions', 'h1')).toEqual({
        id: 'h1',
        rev: 1,
        doc: { accountId: 'a1', expiresAt: 5 },
      });
      expect(await ws.audit()).toHaveLength(1);
      expect(await ws.allocate('question')).toBe(11);
    });

    it('shares the show store: shows and workspace data live side by side', async () => {
      await store.setMeta('k', 'v');
      await ws.write([{ op: 'put', collection: 'k', id: 'k', doc: 'v' }]);
      expect(await store.getMeta('k')).toBe('v');
      expect((await ws.get('k', 'k'))?.doc).toBe('v');
    });
  });
}
