/**
 * The audit trail as CSV (UTF-8 with a BOM so Excel shows accents). Cells that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) are prefixed with a quote: the trail holds
 * text that customers and strangers typed (rating comments, emails tried at sign-in).
 */
import type { AuditEvent } from '@tournee/shared';

export const AUDIT_CSV_COLUMNS = ['at', 'action', 'entity', 'entity_id', 'user_id', 'user_email', 'details'];

/** One CSV cell, defused and quoted where needed. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;

export const auditCsvHeader = (): string => `\ufeff${line(AUDIT_CSV_COLUMNS)}`;

export function auditCsvLine(e: AuditEvent): string {
  return line([
    e.at,
    e.action,
    e.entity,
    e.entityId ?? '',
    e.userId ?? '',
    e.userEmail ?? '',
    JSON.stringify(e.details),
  ]);
}
