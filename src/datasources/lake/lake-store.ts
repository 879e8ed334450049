/**
 * Object storage under the data lake: a local directory (file://) or an S3 prefix (s3://).
 * Keys are relative, '/'-separated, e.g. "raw/dt=2026-03-01/event_type=purchase/part-….parquet".
 */
export interface LakeStore {
  /** Writes the whole object; resolves only once it is durable (fsync'd file / S3 PUT acknowledged). */
  put(key: string, body: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Every key under the prefix, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Human-readable location for logs, e.g. "file:///…/lake" or "s3://bucket/prefix". */
  readonly url: string;
}
