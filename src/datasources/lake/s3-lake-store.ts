import {
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { LakeStore } from './lake-store';
import { MIN_PART_BYTES, putMultipart } from './s3-multipart';

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
  /** Objects larger than this go up as a multipart upload (default 8 MiB). */
  multipartThresholdBytes?: number;
  /** Part size of a multipart upload, at least 5 MiB (default 8 MiB). */
  partBytes?: number;
}

/** The store, and its client for what the LakeStore contract does not cover (tests, metrics). */
export interface S3LakeStore extends LakeStore {
  readonly client: S3Client;
}

const DEFAULT_MULTIPART_BYTES = 8 * 1024 * 1024;

/**
 * The lake on S3 or an S3-compatible server. A PutObject, like a completed multipart upload, is
 * atomic (readers see the whole object or none), so no temp-and-rename dance is needed. Objects
 * above the multipart threshold go up in parts: a single PUT is capped at 5 GiB and has to be
 * resent whole when it fails, while a part is retried on its own. Retries are the SDK's standard
 * strategy (exponential backoff with jitter on throttling, 5xx and network errors); a put that
 * still fails rejects (a multipart upload is aborted first) and the archiver retries the whole
 * flush with its own backoff, under the same key.
 */
export function createS3LakeStore(opts: S3LakeStoreOptions): S3LakeStore {
  const multipartThreshold = opts.multipartThresholdBytes ?? DEFAULT_MULTIPART_BYTES;
  const partBytes = opts.partBytes ?? DEFAULT_MULTIPART_BYTES;
  if (!(multipartThreshold >= 1)) throw new Error('multipartThresholdBytes must be at least 1');
  if (!(partBytes >= MIN_PART_BYTES))
    throw new Error(`partBytes must be at least ${MIN_PART_BYTES} (S3's minimum)`);
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
    client,

    async put(key, body) {
      const target = {
        Bucket: opts.bucket,
        Key: root + key,
        ContentType: key.endsWith('.parquet') ? 'application/vnd.apache.parquet' : 'application/octet-stream',
      };
      if (body.length > multipartThreshold) {
        await putMultipart(client, target, body, partBytes);
        return;
      }
      await client.send(new PutObjectCommand({ ...target, Body: body, ContentLength: body.length }));
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
