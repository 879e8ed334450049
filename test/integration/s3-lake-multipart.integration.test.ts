/**
 * The S3 lake's multipart path on S3Proxy: an object above the threshold goes up in parts and
 * reads back byte for byte; a part the server rejects aborts the upload, leaving neither an object
 * nor an open upload. The rejection is real: an SDK middleware sends part 2 with a wrong
 * Content-MD5, and S3Proxy answers BadDigest.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ListMultipartUploadsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { createS3LakeStore, type S3LakeStore } from '../../src/datasources/lake/s3-lake-store';
import { freshNames, s3Client, stackEndpoints } from './real-stack';
import { LOCAL_AWS } from './stack';

const MiB = 1024 * 1024;
const names = freshNames('s3mpu');

function lakeStore(): S3LakeStore {
  const e = stackEndpoints();
  return createS3LakeStore({
    bucket: e.s3Bucket,
    prefix: names.lakePrefix,
    endpoint: e.s3Endpoint,
    region: LOCAL_AWS.region,
    credentials: LOCAL_AWS.credentials,
    multipartThresholdBytes: 6 * MiB,
    partBytes: 5 * MiB,
  });
}

/** Records every command the store's client sends, with the part number of UploadPart. */
function recordCommands(store: S3LakeStore): string[] {
  const sent: string[] = [];
  store.client.middlewareStack.add(
    (next, context) => async (args) => {
      const part = (args.input as { PartNumber?: number }).PartNumber;
      sent.push(
        `${(context.commandName ?? '?').replace(/Command$/, '')}${part === undefined ? '' : ` ${part}`}`,
      );
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  return sent;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('S3 lake multipart uploads', () => {
  const bucket = stackEndpoints().s3Bucket;
  let s3: S3Client;
  const openUploads = async (prefix: string) =>
    (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }))).Uploads ?? [];
  const objects = async (prefix: string) =>
    (await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? [];

  beforeAll(() => {
    s3 = s3Client();
  });
  afterAll(() => s3.destroy());

  test('an object above the threshold goes up in 5 MiB parts and reads back byte-identical', async () => {
    const store = lakeStore();
    const sent = recordCommands(store);
    try {
      const key = 'raw/dt=2026-03-01/event_type=purchase/part-big.parquet';
      const body = randomBytes(12 * MiB + 12345);
      await store.put(key, body);
      expect(sent.sort()).toEqual([
        'CompleteMultipartUpload',
        'CreateMultipartUpload',
        'UploadPart 1',
        'UploadPart 2',
        'UploadPart 3',
      ]);
      const back = await store.get(key);
      expect({ length: back.length, sha256: sha256(back) }).toEqual({
        length: body.length,
        sha256: sha256(body),
      });
      expect(await store.list('raw/')).toEqual([key]);

      sent.length = 0;
      const small = randomBytes(6 * MiB); // at the threshold: still one PUT
      await store.put('raw/dt=2026-03-01/event_type=purchase/part-small.parquet', small);
      expect(sent).toEqual(['PutObject']);
      expect(sha256(await store.get('raw/dt=2026-03-01/event_type=purchase/part-small.parquet'))).toBe(
        sha256(small),
      );
      expect(await openUploads(`${names.lakePrefix}/`)).toEqual([]);
    } finally {
      store.client.destroy();
    }
  });

  test('a part the server rejects aborts the upload: no object, no open upload', async () => {
    const store = lakeStore();
    const sent = recordCommands(store);
    const keyPrefix = `${names.lakePrefix}/enriched/`;
    let openWhileFailing = -1;
    store.client.middlewareStack.add(
      (next) => async (args) => {
        if ((args.input as { PartNumber?: number }).PartNumber === 2) {
          // Proves the check below can see an upload: this one is open right now.
          openWhileFailing = (await openUploads(keyPrefix)).length;
          const request = args.request as { headers: Record<string, string> };
          request.headers['content-md5'] = Buffer.alloc(16).toString('base64');
        }
        return next(args);
      },
      { step: 'build', name: 'wrongContentMd5OnPart2' },
    );
    try {
      const key = 'enriched/dt=2026-03-01/event_type=purchase/part-doomed.parquet';
      await expect(store.put(key, randomBytes(11 * MiB))).rejects.toMatchObject({ name: 'BadDigest' });
      expect(openWhileFailing).toBe(1);
      expect(await openUploads(keyPrefix)).toEqual([]);
      expect(await objects(keyPrefix)).toEqual([]);
      expect(sent).toContain('AbortMultipartUpload');
      expect(sent).not.toContain('CompleteMultipartUpload');
      await expect(store.get(key)).rejects.toMatchObject({ name: 'NoSuchKey' });
    } finally {
      store.client.destroy();
    }
  });
});
