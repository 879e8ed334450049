/**
 * The reliability table: one row per scenario, merged into test-output/reliability-summary.json
 * (several test files and runs add to it) and printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './service-process';

export interface ScenarioRow {
  scenario: string;
  offered: number;
  lost: number;
  doubleCounted: number;
  dlq: number;
  recovery: string;
  notes?: string;
}

const FILE = path.join(ROOT, 'test-output', 'reliability-summary.json');

export function recordScenario(row: ScenarioRow): void {
  fs.mkdirSync(path.dirname(FILE), { recursive: true });
  let rows: ScenarioRow[] = [];
  try {
    rows = (JSON.parse(fs.readFileSync(FILE, 'utf8')) as { rows: ScenarioRow[] }).rows;
  } catch {
    rows = [];
  }
  rows = [...rows.filter((r) => r.scenario !== row.scenario), row];
  fs.writeFileSync(FILE, `${JSON.stringify({ updatedAt: new Date().toISOString(), rows }, null, 2)}\n`);
  process.stdout.write(`\n${formatTable(rows)}\n`);
}

export function formatTable(rows: readonly ScenarioRow[]): string {
  const head = ['scenario', 'events offered', 'lost', 'double-counted', "DLQ'd", 'recovery time'];
  const body = rows.map((r) => [
    r.scenario,
    String(r.offered),
    String(r.lost),
    String(r.doubleCounted),
    String(r.dlq),
    r.recovery,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}
