/**
 * The exclusion list: CCCD of members of BTC, BGK, Tổ Thư ký and helpers, who may not take part
 * in the contest. Implements the online rounds' ExclusionList.
 */
import type { ExclusionEntry } from '@cv/shared/protocol';
import type { ExclusionList } from '../../contest/ports.ts';
import type { DocWrite } from '../../storage/workspace/index.ts';
import { auditOf, COLLECTIONS as C, WorkspaceError, type Actor, type WorkspaceDeps } from '../context.ts';
import type { ExclusionRow } from './sheet.ts';

export const EXCLUSIONS_SCOPE = 'exclusions';

export class ExclusionService implements ExclusionList {
  constructor(private readonly deps: WorkspaceDeps) {}

  async isExcluded(idNumber: string): Promise<boolean> {
    return (await this.deps.ws.get(C.exclusions, idNumber)) !== null;
  }

  async list(): Promise<ExclusionEntry[]> {
    return (await this.deps.ws.list<ExclusionEntry>(C.exclusions)).map((d) => d.doc);
  }

  /** adds new people and updates the name, role and phone of known ones; one atomic write */
  async upsert(
    actor: Actor,
    rows: ExclusionRow[],
    action: string,
  ): Promise<{ created: number; updated: number }> {
    const now = this.deps.clock();
    const known = new Map((await this.deps.ws.list<ExclusionEntry>(C.exclusions)).map((d) => [d.id, d]));
    const writes: DocWrite[] = [];
    let created = 0;
    let updated = 0;
    for (const row of rows) {
      const existing = known.get(row.idNumber);
      const doc: ExclusionEntry = { ...row, addedAt: existing?.doc.addedAt ?? now };
      if (existing && JSON.stringify({ ...existing.doc }) === JSON.stringify(doc)) continue;
      writes.push({
        op: 'put',
        collection: C.exclusions,
        id: row.idNumber,
        doc,
        ...(existing ? { expect: existing.rev } : { expect: 'absent' as const }),
      });
      if (existing) updated++;
      else created++;
    }
    if (writes.length > 0)
      await this.deps.ws.write(writes, [
        auditOf(
          actor,
          now,
          EXCLUSIONS_SCOPE,
          action,
          rows.length === 1 ? maskId(rows[0].idNumber) : 'danh sách',
          null,
          rows.length === 1 ? { ...rows[0], idNumber: maskId(rows[0].idNumber) } : { created, updated },
        ),
      ]);
    return { created, updated };
  }

  async remove(actor: Actor, idNumber: string): Promise<void> {
    const stored = await this.deps.ws.get<ExclusionEntry>(C.exclusions, idNumber);
    if (!stored) throw new WorkspaceError('NOT_FOUND', 'Số CCCD này không có trong danh sách.');
    await this.deps.ws.write(
      [{ op: 'delete', collection: C.exclusions, id: idNumber, expect: stored.rev }],
      [
        auditOf(
          actor,
          this.deps.clock(),
          EXCLUSIONS_SCOPE,
          'exclusion.delete',
          maskId(idNumber),
          { name: stored.doc.name },
          null,
        ),
      ],
    );
  }
}

/** the audit keeps who, not whole ID numbers: 0660****1234 */
export const maskId = (id: string) =>
  id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;
