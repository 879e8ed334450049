import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { LakeStore } from './lake-store';

export { parseLakeUrl, type LakeLocation } from './lake-url';

export interface S3LakeStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, with or without a trailing '/'; '' for the bucket root. */
  prefix: string;
  /** S3-compatible server (S3Proxy, MinIO); path-style addressing is used when set. */
  endpoint?: string;
  region: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** SDK attempts per call, including the first (default 5). */
  maxAttempts?: number;
}

/**
 * The lake on S3 or an S3-compatible server. A single PutObject is atomic (readers see the whole
 * object or none), so no temp-and-rename dance is needed. Retries are the SDK's standard strategy
 * (exponential backoff with jitter on throttling, 5xx and network errors); a put that still fails
 * rejects and the archiver retries the whole flush with its own backoff, under the same key.
 */
export function createS3LakeStore(opts: S3LakeStoreOptions): LakeStore {
  const config: S3ClientConfig = {
    region: opts.region,
    maxAttempts: opts.maxAttempts ?? 5,
    retryMode: 'standard',
    // SDK ≥ 3.729 adds CRC32 trailers by default, which many S3-compatible servers reject.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (opts.endpoint !== undefined) config.endpoint = opts.endpoint;
  config.forcePathStyle = opts.forcePathStyle ?? opts.endpoint !== undefined;
  if (opts.credentials) config.credentials = opts.credentials;
  const client = new S3Client(config);
  const base = opts.prefix.replace(/^\/+|\/+$/g, '');
  const root = base === '' ? '' : `${base}/`;

  return {
    url: `s3://${opts.bucket}${base === '' ? '' : `/${base}`}`,

    async put(key, body) {
      await client.send(
        new PutObjectCommand({
          Bucket: opts.bucket,
          Key: root + key,
          Body: body,
          ContentLength: body.length,
          ContentType: key.endsWith('.parquet')
            ? 'application/vnd.apache.parquet'
            : 'application/octet-stream',
        }),
      );
    },

    async get(key) {
      const response = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: root + key }));
      if (!response.Body) throw new Error(`s3://${opts.bucket}/${root}${key} has no body`);
      return Buffer.from(await response.Body.transformToByteArray());
    },

    async list(prefix) {
      const keys: string[] = [];
      const pages = paginateListObjectsV2({ client }, { Bucket: opts.bucket, Prefix: root + prefix });
      for await (const page of pages) {
        for (const object of page.Contents ?? []) {
          if (object.Key !== undefined) keys.push(object.Key.slice(root.length));
        }
      }
      // ListObjectsV2 sorts by UTF-8 bytes; JS sort by UTF-16 units: re-sort so both stores agree.
      return keys.sort();
    },
  };
}
