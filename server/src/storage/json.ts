import { StoreError } from './port.ts';

/**
 * JSON text of a value the caller hands to a store, done when the write is queued so that one bad
 * record fails only its own call (not its whole batch) and later mutation of the object cannot
 * change what is written. `undefined` is stored as `null`.
 */
export function jsonOf(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new StoreError('NOT_SERIALIZABLE', `${what} is not JSON-serialisable: ${String(cause)}`, { cause });
  }
  return text ?? 'null';
}
