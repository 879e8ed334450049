/**
 * Splits an ingest body into items: a JSON array, a single JSON object, or NDJSON (one event per
 * line). Each item keeps its original text so the log carries the client's bytes unchanged.
 */
export type IngestItem = { index: number; text: string };

export class UnusableBodyError extends Error {}

export function splitIngestBody(body: string): IngestItem[] {
  const trimmed = body.trim();
  if (trimmed === '') throw new UnusableBodyError('the body is empty; send a JSON array or NDJSON lines');
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new UnusableBodyError('the body starts with "[" but is not a valid JSON array');
    }
    return (parsed as unknown[]).map((item, index) => ({ index, text: JSON.stringify(item) }));
  }
  const items: IngestItem[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line !== '') items.push({ index: i, text: line });
  }
  return items;
}
