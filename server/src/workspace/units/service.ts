/**
 * Units (đơn vị) under their groups (Khối, Cụm: "Khối các sở, ngành" → "Sở Tư pháp"), with the
 * roster headcount used for participation rates. Implements the online rounds' UnitDirectory.
 */
import type { ImportReport, UnitGroupInfo, UnitInfo } from '@cv/shared/protocol';
import { randomUUID } from 'node:crypto';
import type { UnitDirectory, UnitRef } from '../../contest/ports.ts';
import type { DocWrite, StoredDoc } from '../../storage/workspace/index.ts';
import { foldKeyword } from '../bank/text.ts';
import { auditOf, COLLECTIONS as C, WorkspaceError, type Actor, type WorkspaceDeps } from '../context.ts';

export const UNITS_SCOPE = 'units';
const newId = () => randomUUID().slice(0, 10);

export interface UnitRow {
  row: number;
  groupName: string;
  name: string;
  headcount: number | null;
}

export class UnitService implements UnitDirectory {
  constructor(private readonly deps: WorkspaceDeps) {}

  async groups(): Promise<StoredDoc<UnitGroupInfo>[]> {
    return (await this.deps.ws.list<UnitGroupInfo>(C.unitGroups)).sort((a, b) => a.doc.order - b.doc.order);
  }

  async unitDocs(): Promise<StoredDoc<UnitInfo>[]> {
    return (await this.deps.ws.list<UnitInfo>(C.units)).sort((a, b) => a.doc.order - b.doc.order);
  }

  async units(): Promise<UnitRef[]> {
    const groups = await this.groups();
    const order = new Map(groups.map((g, i) => [g.id, i]));
    const names = new Map(groups.map((g) => [g.id, g.doc.name]));
    return (await this.unitDocs())
      .map((u) => u.doc)
      .sort((a, b) => (order.get(a.groupId) ?? 0) - (order.get(b.groupId) ?? 0) || a.order - b.order)
      .map((u) => ({
        unitId: u.unitId,
        name: u.name,
        groupId: u.groupId,
        groupName: names.get(u.groupId) ?? '',
        headcount: u.headcount,
      }));
  }

  async list(): Promise<{ groups: UnitGroupInfo[]; units: (UnitInfo & { rev: number })[] }> {
    return {
      groups: (await this.groups()).map((g) => g.doc),
      units: (await this.unitDocs()).map((u) => ({ ...u.doc, rev: u.rev })),
    };
  }

  async add(
    actor: Actor,
    input: { groupName: string; name: string; headcount: number | null },
  ): Promise<UnitInfo> {
    const report = await this.upsert(actor, [{ row: 0, ...input }], 'unit.create', input.name, {
      refuseExisting: true,
    });
    return report.touched[0];
  }

  async patch(
    actor: Actor,
    unitId: string,
    patch: { name?: string; headcount?: number | null },
  ): Promise<UnitInfo> {
    const stored = await this.deps.ws.get<UnitInfo>(C.units, unitId);
    if (!stored) throw new WorkspaceError('NOT_FOUND', 'Không có đơn vị này.');
    if (patch.name !== undefined) {
      const clash = (await this.unitDocs()).find(
        (u) =>
          u.id !== unitId &&
          u.doc.groupId === stored.doc.groupId &&
          foldKeyword(u.doc.name) === foldKeyword(patch.name!),
      );
      if (clash) throw new WorkspaceError('CONFLICT', `Trong khối đã có đơn vị "${clash.doc.name}".`);
    }
    const after: UnitInfo = {
      ...stored.doc,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.headcount !== undefined ? { headcount: patch.headcount } : {}),
    };
    await this.deps.ws.write(
      [{ op: 'put', collection: C.units, id: unitId, doc: after, expect: stored.rev }],
      [auditOf(actor, this.deps.clock(), UNITS_SCOPE, 'unit.update', stored.doc.name, stored.doc, after)],
    );
    return after;
  }

  async remove(actor: Actor, unitId: string): Promise<void> {
    const stored = await this.deps.ws.get<UnitInfo>(C.units, unitId);
    if (!stored) throw new WorkspaceError('NOT_FOUND', 'Không có đơn vị này.');
    await this.deps.ws.write(
      [{ op: 'delete', collection: C.units, id: unitId, expect: stored.rev }],
      [auditOf(actor, this.deps.clock(), UNITS_SCOPE, 'unit.delete', stored.doc.name, stored.doc, null)],
    );
  }

  /**
   * Adds new units and groups, updates headcounts of existing ones (matched by name, ignoring case
   * and diacritics), never deletes: the online rounds refer to units by id. One atomic write.
   */
  async upsert(
    actor: Actor,
    rows: UnitRow[],
    action: string,
    target: string,
    options: { refuseExisting?: boolean } = {},
  ): Promise<Pick<ImportReport, 'created' | 'updated'> & { touched: UnitInfo[] }> {
    const groups = await this.groups();
    const units = await this.unitDocs();
    const writes: DocWrite[] = [];
    const touched: UnitInfo[] = [];
    let created = 0;
    let updated = 0;
    let groupOrder = groups.length;
    let unitOrder = units.length;
    const groupByName = new Map(groups.map((g) => [foldKeyword(g.doc.name), g.doc]));
    const unitByName = new Map(units.map((u) => [`${u.doc.groupId}\u0000${foldKeyword(u.doc.name)}`, u]));
    for (const row of rows) {
      let group = groupByName.get(foldKeyword(row.groupName));
      if (!group) {
        group = { groupId: newId(), name: row.groupName, order: ++groupOrder };
        groupByName.set(foldKeyword(row.groupName), group);
        writes.push({ op: 'put', collection: C.unitGroups, id: group.groupId, doc: group, expect: 'absent' });
      }
      const existing = unitByName.get(`${group.groupId}\u0000${foldKeyword(row.name)}`);
      if (existing && options.refuseExisting)
        throw new WorkspaceError('CONFLICT', `Khối "${group.name}" đã có đơn vị "${existing.doc.name}".`);
      if (existing) {
        if (existing.doc.headcount === row.headcount) continue;
        const after = { ...existing.doc, headcount: row.headcount };
        writes.push({ op: 'put', collection: C.units, id: existing.id, doc: after, expect: existing.rev });
        touched.push(after);
        updated++;
      } else {
        const unit: UnitInfo = {
          unitId: newId(),
          groupId: group.groupId,
          name: row.name,
          headcount: row.headcount,
          order: ++unitOrder,
        };
        writes.push({ op: 'put', collection: C.units, id: unit.unitId, doc: unit, expect: 'absent' });
        unitByName.set(`${group.groupId}\u0000${foldKeyword(row.name)}`, {
          id: unit.unitId,
          rev: 0,
          doc: unit,
        });
        touched.push(unit);
        created++;
      }
    }
    if (writes.length > 0)
      await this.deps.ws.write(writes, [
        auditOf(
          actor,
          this.deps.clock(),
          UNITS_SCOPE,
          action,
          target,
          null,
          rows.length === 1 ? (touched[0] ?? null) : { created, updated },
        ),
      ]);
    return { created, updated, touched };
  }
}
