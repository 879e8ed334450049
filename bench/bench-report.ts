import fs from 'node:fs';
import path from 'node:path';

/** Prints a small table and writes bench/results/<name>.json (git-ignored) for later comparison. */
export function report(
  name: string,
  rows: Record<string, string | number>[],
  extra: Record<string, unknown> = {},
): void {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${name}`);
  console.log(line(keys));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(keys.map((k) => String(r[k] ?? ''))));
  const dir = path.resolve(__dirname, '../../bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}.json`),
    JSON.stringify({ name, at: new Date().toISOString(), node: process.version, rows, ...extra }, null, 2),
  );
}
