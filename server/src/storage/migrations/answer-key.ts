/**
 * Data migration "answer key field": a stored key `{ kind: 'single' | 'truefalse' | 'multi', correct }`
 * becomes `{ kind, answer }` (the kind table's name, shared/src/protocol/kinds.ts). Used by both
 * adapters' migrations (SQLite: schema.ts; Redis: redis/migrations.ts). Frozen on purpose: it names
 * the kinds as they were when the field was renamed and does not follow later changes to the table.
 *
 * What it rewrites: any object in a stored document that is exactly an old key (those two fields,
 * nothing else — the key schemas always stripped other fields). A verdict's `correct` never sits
 * beside a `kind` of these three, so verdicts, counts and revisions are left as they are.
 */
const RENAMED_KINDS: ReadonlySet<unknown> = new Set(['single', 'truefalse', 'multi']);

function isOldKey(value: Record<string, unknown>): boolean {
  const fields = Object.keys(value);
  return (
    fields.length === 2 &&
    RENAMED_KINDS.has(value.kind) &&
    Object.hasOwn(value, 'correct') &&
    Object.hasOwn(value, 'kind')
  );
}

/** renames every old key inside `value` in place; true if it changed anything */
export function renameOldAnswerKeys(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    let changed = false;
    for (const item of value) changed = renameOldAnswerKeys(item) || changed;
    return changed;
  }
  const record = value as Record<string, unknown>;
  if (isOldKey(record)) {
    const answer = record.correct;
    delete record.correct;
    record.answer = answer;
    return true;
  }
  let changed = false;
  for (const field of Object.keys(record)) changed = renameOldAnswerKeys(record[field]) || changed;
  return changed;
}

/** a stored JSON text with its old keys renamed, or null when it has none (or is not JSON) */
export function renamedInJson(text: string): string | null {
  // cheap test first: most documents (candidates, counters, audit lines) never held a key
  if (!text.includes('"correct"')) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return renameOldAnswerKeys(value) ? JSON.stringify(value) : null;
}
