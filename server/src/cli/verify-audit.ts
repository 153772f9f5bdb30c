/**
 * npm run verify-audit -- <export.jsonl> [--digest <published digest>]
 *
 * Checks an exported audit trail (GET /api/shows/:id/audit, JSON Lines) against its hash chain and
 * names the first altered, removed or reordered entry; with the digest the committee published,
 * also a trail cut short or extended. Exit code 0 when intact, 1 when not, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import { verifyChain } from '../audit/chain.ts';

function main(argv: string[]): number {
  const digestAt = argv.indexOf('--digest');
  const digest = digestAt >= 0 ? argv[digestAt + 1] : undefined;
  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--digest');
  if (!file || (digestAt >= 0 && !digest)) {
    console.error('usage: npm run verify-audit -- <export.jsonl> [--digest <hex>]');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const lines: unknown[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      lines.push(JSON.parse(line));
    } catch {
      console.log(`NOT INTACT: line ${i + 1} is not JSON (the file was edited or cut)`);
      return 1;
    }
  }
  const verdict = verifyChain(lines, digest);
  if (verdict.ok) {
    console.log(`INTACT: ${verdict.entries} entries, digest ${verdict.digest}`);
    return 0;
  }
  console.log(`NOT INTACT: ${verdict.problem} (${verdict.entries} entries read)`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
