/**
 * The seat desk's documents in this process's memory: what one node needs, with the store's semantics
 * (revisions, all-or-nothing writes, CONFLICT). One node has nobody to share seat tokens with, and a
 * seat connecting must not wait for an fsync of the show's SQLite file (synchronous=FULL) on the event
 * loop — a hall's tablets all reconnect at once after a restart. Lost at a restart: a tablet then signs
 * in again with its PIN or card, as before there was a desk.
 */
import { checkExpectation, type DocWrite, type StoredDoc } from '../storage/workspace/port.ts';
import type { SeatDocs } from './seat-desk.ts';

export class MemoryDocs implements SeatDocs {
  private readonly collections = new Map<string, Map<string, StoredDoc<unknown>>>();

  async get<T>(collection: string, id: string): Promise<StoredDoc<T> | null> {
    const found = this.collections.get(collection)?.get(id);
    return found ? (structuredClone(found) as StoredDoc<T>) : null;
  }

  async list<T>(collection: string): Promise<StoredDoc<T>[]> {
    const docs = [...(this.collections.get(collection)?.values() ?? [])];
    return docs
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((d) => structuredClone(d) as StoredDoc<T>);
  }

  async write(writes: DocWrite[]): Promise<void> {
    // every expectation first (as the batch's own earlier writes leave it), then every write
    const revs = new Map<string, number | undefined>();
    for (const w of writes) {
      const key = `${w.collection}\u0000${w.id}`;
      const rev = revs.has(key) ? revs.get(key) : this.collections.get(w.collection)?.get(w.id)?.rev;
      checkExpectation(w, rev);
      revs.set(key, w.op === 'put' ? (rev ?? 0) + 1 : undefined);
    }
    for (const w of writes) {
      let docs = this.collections.get(w.collection);
      if (w.op === 'delete') {
        docs?.delete(w.id);
        continue;
      }
      if (!docs) this.collections.set(w.collection, (docs = new Map()));
      const rev = (docs.get(w.id)?.rev ?? 0) + 1;
      docs.set(w.id, { id: w.id, rev, doc: structuredClone(w.doc) });
    }
  }
}
