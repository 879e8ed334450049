import { createDiskLakeStore } from './disk-lake-store';
import type { LakeStore } from './lake-store';
import { parseLakeUrl } from './lake-url';
import { createS3LakeStore } from './s3-lake-store';

export interface LakeStoreConfig {
  /** `file://…` or `s3://bucket/prefix` (LAKE_URL). */
  url: string;
  /** S3-compatible endpoint (S3Proxy, MinIO); unset for AWS S3. */
  s3Endpoint?: string | undefined;
  region: string;
  /** Unset: the SDK's default credential chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The one place that turns LAKE_URL into a store: disk and S3 serve the same LakeStore contract. */
export function createLakeStore(config: LakeStoreConfig): LakeStore {
  const location = parseLakeUrl(config.url);
  if (location.kind === 'file') return createDiskLakeStore(location.path);
  return createS3LakeStore({
    bucket: location.bucket,
    prefix: location.prefix,
    region: config.region,
    ...(config.s3Endpoint !== undefined ? { endpoint: config.s3Endpoint } : {}),
    ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
  });
}
