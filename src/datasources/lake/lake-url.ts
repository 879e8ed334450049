import { fileURLToPath } from 'node:url';

export type LakeLocation = { kind: 'file'; path: string } | { kind: 's3'; bucket: string; prefix: string };

// S3 bucket naming rules, minus the rarely relevant IP-address and "xn--" exclusions.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * `LAKE_URL`: `file:///abs/dir`, `file://relative/dir` (resolved against the working directory by
 * the caller) or `s3://bucket/optional/prefix`. The prefix comes back without leading or trailing '/'.
 */
export function parseLakeUrl(url: string): LakeLocation {
  if (url.startsWith('file://')) {
    const rest = url.slice('file://'.length);
    const path = rest.startsWith('/') ? fileURLToPath(url) : decodeURIComponent(rest);
    if (path === '') throw new Error(`lake URL ${JSON.stringify(url)} names no directory`);
    return { kind: 'file', path };
  }
  if (url.startsWith('s3://')) {
    const rest = url.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '');
    if (!BUCKET.test(bucket)) {
      throw new Error(
        `lake URL ${JSON.stringify(url)}: ${JSON.stringify(bucket)} is not a valid S3 bucket name`,
      );
    }
    if (prefix.split('/').some((s) => s === '.' || s === '..') || /\/\//.test(prefix)) {
      throw new Error(`lake URL ${JSON.stringify(url)}: prefix must not hold '.', '..' or empty segments`);
    }
    return { kind: 's3', bucket, prefix };
  }
  throw new Error(
    `lake URL ${JSON.stringify(url)} is not supported: use file:///path/to/dir or s3://bucket/prefix`,
  );
}
