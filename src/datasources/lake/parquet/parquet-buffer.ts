import { parquetMetadata, parquetRead, type SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnType } from './columns';

/**
 * Whole Parquet files in memory, written and read column by column (hyparquet): one typed pass per
 * column instead of shredding each row into every column, which is what made the row-wise encoder
 * the largest cost of archiving and reprocessing.
 */

/** A dataset's column: its name, physical type and how a row gives its value, in file order. */
export interface ParquetColumn<Row> {
  name: string;
  type: ColumnType;
  /** The value in the encoder's input shape (columns.ts); throws when it cannot be stored exactly. */
  value(row: Row): unknown;
}

/**
 * A row already converted column by column (the archiver converts on arrival to refuse one bad
 * row), as its values in column order. An array, not an object keyed by column name: properties
 * added by computed name past a dozen put a V8 object in dictionary mode, and the archiver holds
 * up to a file's worth of these (a heap snapshot showed 1.6 KB of property table per row).
 */
export type PreparedRow<Dataset extends string> = readonly unknown[] & { readonly __prepared: Dataset };

export function prepareRow<Row, Dataset extends string>(
  columns: readonly ParquetColumn<Row>[],
  row: Row,
): PreparedRow<Dataset> {
  const prepared = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) prepared[i] = columns[i]!.value(row);
  return prepared as unknown as PreparedRow<Dataset>;
}

/** The same columns, reading prepared rows. */
export function preparedColumns<Row, Dataset extends string>(
  columns: readonly ParquetColumn<Row>[],
): ParquetColumn<PreparedRow<Dataset>>[] {
  return columns.map(({ name, type }, index) => ({ name, type, value: (row) => row[index] }));
}

/**
 * Rows per row group, and per synchronous stretch of encoding: each group is converted and encoded
 * in one go, then the event loop gets a turn (see YieldingByteWriter). An archiver file holds at
 * most flushRows (20k by default) rows, so a file is a handful of groups; 4,096 enriched rows take
 * about 50 ms here, so the API and the consumers of the same process wait at most that long.
 */
const ROW_GROUP_SIZE = 4096;

/**
 * The writer awaits `flush()` after each row group: a whole 20k-row file encoded at once would
 * hold the event loop for a quarter of a second.
 */
class YieldingByteWriter extends ByteWriter {
  flush(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }
}

function fileSchema(columns: readonly ParquetColumn<never>[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map(({ name, type }) => ({ ...type, name })),
  ];
}

/** Encodes rows into a whole file, converting each column's values in one pass over the rows. */
export async function writeParquetBuffer<Row>(
  columns: readonly ParquetColumn<Row>[],
  rows: readonly Row[],
): Promise<Buffer> {
  const writer = new YieldingByteWriter();
  const file = new ParquetWriter({
    writer,
    schema: fileSchema(columns),
    codec: 'SNAPPY',
    // The lake is read by day partition (the path), whole: min/max would only cost encode time.
    statistics: false,
  });
  for (let start = 0; start < rows.length; start += ROW_GROUP_SIZE) {
    const end = Math.min(rows.length, start + ROW_GROUP_SIZE);
    const columnData = columns.map(({ name, value }) => {
      const data = new Array<unknown>(end - start);
      for (let i = start; i < end; i++) data[i - start] = value(rows[i]!) ?? null;
      return { name, data };
    });
    await file.write({ columnData, rowGroupSize: ROW_GROUP_SIZE });
  }
  await file.finish();
  return Buffer.from(writer.getBuffer());
}

/** A decoded file: one array per column, all `rows` long. */
export interface ParquetColumns {
  rows: number;
  column(name: string): ArrayLike<unknown>;
}

/**
 * Decodes every column of an in-memory Parquet file. Values come back in the shapes columns.ts
 * reads: strings, numbers, booleans, BigInt for INT64, epoch milliseconds for timestamps and the
 * raw bytes for DECIMAL (the decoder's own DECIMAL conversion goes through a float).
 */
export async function readParquetBuffer(buffer: Buffer): Promise<ParquetColumns> {
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(file);
  metadata.schema = metadata.schema.map((element) =>
    element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL'
      ? { ...element, converted_type: undefined, logical_type: undefined }
      : element,
  );
  const rows = Number(metadata.num_rows);
  const columns = new Map<string, unknown[]>();
  await parquetRead({
    file,
    metadata,
    parsers: { timestampFromMilliseconds: (ms) => ms },
    onChunk({ columnName, columnData, rowStart }) {
      let column = columns.get(columnName);
      if (column === undefined) {
        column = new Array<unknown>(rows).fill(null);
        columns.set(columnName, column);
      }
      for (let i = 0; i < columnData.length; i++) column[rowStart + i] = columnData[i];
    },
  });
  const absent = new Array<unknown>(rows).fill(null);
  return { rows, column: (name) => columns.get(name) ?? absent };
}
