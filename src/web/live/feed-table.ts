import type { LiveFlaggedSubscription } from '../generated/graphql';

/** One pushed flagged transaction, as the page's subscription (LiveFlagged) selects it. */
export type FlaggedRow = LiveFlaggedSubscription['transactionFlagged'];

/** Newest rows on top; older ones fall off so a busy feed keeps a bounded DOM. */
export const MAX_ROWS = 200;

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function riskClass(score: number): string {
  if (score >= 90) return 'risk critical';
  if (score >= 70) return 'risk high';
  return 'risk';
}

export function prependRow(body: HTMLTableSectionElement, row: FlaggedRow): void {
  const tr = document.createElement('tr');
  tr.dataset['id'] = row.id;
  const merchant = row.merchant?.name ? `${row.merchant.name} (${row.merchantId})` : row.merchantId;
  tr.append(
    cell(new Date(row.timestamp).toLocaleString()),
    cell(row.userId),
    cell(merchant),
    cell(row.amount, 'num'),
    cell(row.currency),
    cell(String(row.riskScore), `num ${riskClass(row.riskScore)}`),
    cell(row.riskReasons.join(', ')),
  );
  body.prepend(tr);
  while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
}
