import { ParquetReader, ParquetWriter, type ParquetSchema } from '@dsnp/parquetjs';

/**
 * Rows per row group. Larger groups compress better and mean fewer footer entries; an archiver
 * file holds at most flushRows (20k by default) rows, so a file is a handful of groups.
 */
const ROW_GROUP_SIZE = 8192;

/**
 * parquetjs encodes synchronously (~15–20k rows/s for the raw dataset): a 20k-row file would hold
 * the event loop for a second, stalling the API and the consumers of the same process. Yield to the
 * event loop every this many rows.
 */
const ROWS_PER_TURN = 500;

type OutputStream = Parameters<typeof ParquetWriter.openStream>[1];

/** Encodes rows (already in parquetjs' input shapes) into a complete Parquet file in memory. */
export async function writeParquetBuffer(
  schema: ParquetSchema,
  rows: Iterable<Record<string, unknown>>,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // parquetjs only calls write(buf, cb) and end(cb); its type asks for a whole fs.WriteStream.
  const sink = {
    write(chunk: Buffer, callback: (error?: Error | null) => void) {
      chunks.push(chunk);
      callback();
      return true;
    },
    end(callback: () => void) {
      callback();
    },
  } as unknown as OutputStream;
  const writer = await ParquetWriter.openStream(schema, sink, { rowGroupSize: ROW_GROUP_SIZE });
  // A failed append simply abandons the writer: the sink is memory, nothing needs closing.
  let sinceYield = 0;
  for (const row of rows) {
    await writer.appendRow(row);
    if (++sinceYield >= ROWS_PER_TURN) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  await writer.close();
  return Buffer.concat(chunks);
}

/** Decodes every row of an in-memory Parquet file, in file order, as parquetjs materialises them. */
export async function readParquetBuffer(buffer: Buffer): Promise<Record<string, unknown>[]> {
  const reader = await ParquetReader.openBuffer(buffer);
  try {
    const cursor = reader.getCursor();
    const rows: Record<string, unknown>[] = [];
    for (let row = await cursor.next(); row; row = await cursor.next()) {
      rows.push(row as Record<string, unknown>);
    }
    return rows;
  } finally {
    await reader.close();
  }
}
