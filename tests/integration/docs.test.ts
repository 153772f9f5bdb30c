/** docs/protocol.md is what an outside client is written from: its tables must render and name what the code has. */
import { ERROR_CODES, REQUEST_NAMES, SHOW_PROBLEM_CODES } from '@cv/shared/protocol';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => readFileSync(root + f, 'utf8');

/** cells of a Markdown table row: split on pipes that are not escaped (`\|` stays inside its cell) */
const cells = (row: string) =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/);

describe('docs', () => {
  for (const file of ['docs/protocol.md', 'docs/architecture.md', 'README.md']) {
    it(`${file}: every table row has as many cells as its header`, () => {
      const lines = read(file).split('\n');
      let header: number | null = null;
      const bad: string[] = [];
      lines.forEach((line, i) => {
        if (!line.trim().startsWith('|')) {
          header = null;
          return;
        }
        const n = cells(line).length;
        if (header === null) header = n;
        else if (n !== header) bad.push(`line ${i + 1}: ${n} cells, header has ${header}`);
      });
      expect(bad).toEqual([]);
    });
  }

  it('the docs name every request and every error code (live show: protocol.md; workspace: admin-api.md)', () => {
    const doc = read('docs/protocol.md');
    const both = doc + read('docs/admin-api.md');
    for (const name of REQUEST_NAMES) expect(doc, name).toContain(`\`${name}\``);
    for (const code of SHOW_PROBLEM_CODES) expect(doc, code).toContain(code);
    // client-side or engine-internal codes no request can get from the server
    const unreachable = new Set(['TAKEN_OVER', 'REASON_REQUIRED']);
    for (const code of ERROR_CODES.filter((c) => !unreachable.has(c))) expect(both, code).toContain(code);
  });

  it('docs/protocol.md names no error code the code does not have', () => {
    const doc = read('docs/protocol.md');
    const known = new Set<string>([...ERROR_CODES, ...SHOW_PROBLEM_CODES]);
    const named = [...doc.matchAll(/`([A-Z][A-Z_]{3,})`/g)].map((m) => m[1]);
    const notCodes = new Set(['ADMIN_TOKEN', 'DEFAULT_RULES', 'ROUND_NULLABLE']);
    expect(named.filter((c) => !known.has(c) && !notCodes.has(c))).toEqual([]);
  });
});
