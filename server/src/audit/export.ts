/**
 * The audit trail as files the organizers can keep and open: JSON Lines for machines, CSV for Excel.
 * Pure: records in, text out.
 */
import type { CommandRecord } from '../storage/port.ts';

export const AUDIT_COLUMNS = ['at', 'version', 'actor', 'role', 'type', 'payload', 'outcome'] as const;

export interface AuditLine {
  /** ISO 8601, UTC */
  at: string;
  version: number | null;
  actor: string;
  role: string;
  type: string;
  payload: unknown;
  outcome: string;
}

export function auditLineOf(record: CommandRecord): AuditLine {
  return {
    at: isoTime(record.at),
    version: record.version,
    actor: record.actorId,
    role: record.role,
    type: record.type,
    payload: record.payload === undefined ? null : record.payload,
    outcome: record.outcome,
  };
}

/** one JSON object per line, each line ending in \n; '' for no records */
export function auditToJsonl(records: CommandRecord[]): string {
  return records.map((r) => JSON.stringify(auditLineOf(r)) + '\n').join('');
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * RFC 4180 CSV (CRLF line ends, fields quoted when they hold a quote, comma or line break), with a
 * header row and a UTF-8 BOM so Excel shows Vietnamese text correctly. The payload is compact JSON
 * in one column. Cells a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
export function auditToCsv(records: CommandRecord[]): string {
  const rows = records.map((r) => {
    const line = auditLineOf(r);
    return [
      line.at,
      line.version === null ? '' : String(line.version),
      line.actor,
      line.role,
      line.type,
      JSON.stringify(line.payload),
      line.outcome,
    ];
  });
  return BOM + [[...AUDIT_COLUMNS], ...rows].map((cells) => cells.map(csvField).join(',') + CRLF).join('');
}

export function csvField(value: string): string {
  const text = /^[=+@\t\r]|^-(?![\d.])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isoTime(ms: number): string {
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : String(ms);
}
