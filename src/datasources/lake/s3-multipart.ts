import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';

/** S3's smallest part, except the last one; smaller parts fail at completion (EntityTooSmall). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

export interface MultipartTarget {
  Bucket: string;
  Key: string;
  ContentType: string;
}

/**
 * Uploads `body` as a multipart upload of `partBytes`-sized parts (at least MIN_PART_BYTES; the
 * last one shorter), at most `concurrency` in flight. The object appears only at
 * CompleteMultipartUpload, so readers still see all of it or nothing. On any failure the upload
 * is aborted, once no part is still in flight, so no orphaned parts keep costing storage; if the
 * abort itself fails, the original error is thrown and the bucket's AbortIncompleteMultipartUpload
 * lifecycle rule is the backstop.
 */
export async function putMultipart(
  client: S3Client,
  target: MultipartTarget,
  body: Buffer,
  partBytes: number,
  concurrency = 4,
): Promise<void> {
  const { Bucket, Key } = target;
  const { UploadId } = await client.send(new CreateMultipartUploadCommand(target));
  if (UploadId === undefined) throw new Error(`CreateMultipartUpload for ${Key} returned no UploadId`);

  const count = Math.ceil(body.length / partBytes);
  const parts: CompletedPart[] = new Array<CompletedPart>(count);
  let next = 0;
  let failure: unknown;
  const uploadParts = async () => {
    while (failure === undefined && next < count) {
      const index = next++;
      const chunk = body.subarray(index * partBytes, Math.min((index + 1) * partBytes, body.length));
      try {
        const { ETag } = await client.send(
          new UploadPartCommand({
            Bucket,
            Key,
            UploadId,
            PartNumber: index + 1,
            Body: chunk,
            ContentLength: chunk.length,
          }),
        );
        parts[index] = { ETag, PartNumber: index + 1 };
      } catch (error) {
        failure ??= error;
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, uploadParts));
    if (failure !== undefined) throw failure;
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
    throw error;
  }
}
