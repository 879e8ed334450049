import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createDiskLakeStore } from '../../../src/datasources/lake/disk-lake-store';
import { parseLakeUrl } from '../../../src/datasources/lake/lake-url';
import { withTempDir } from './lake-fixtures';

describe('disk lake store', () => {
  test('put, get and a recursive, sorted list', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      await lake.put('raw/dt=2026-03-02/event_type=purchase/b.parquet', Buffer.from('b'));
      await lake.put('raw/dt=2026-03-01/event_type=refund/a.parquet', Buffer.from('a'));
      await lake.put('raw/dt=2026-03-01/event_type=purchase/c.parquet', Buffer.from('c'));
      await lake.put('enriched/dt=2026-03-01/event_type=purchase/d.parquet', Buffer.from('d'));
      expect(await lake.list('raw/')).toEqual([
        'raw/dt=2026-03-01/event_type=purchase/c.parquet',
        'raw/dt=2026-03-01/event_type=refund/a.parquet',
        'raw/dt=2026-03-02/event_type=purchase/b.parquet',
      ]);
      expect(await lake.list('raw/dt=2026-03-0')).toHaveLength(3);
      expect(await lake.list('raw/dt=2026-03-01/')).toHaveLength(2);
      expect(await lake.list('')).toHaveLength(4);
      expect(await lake.list('nothing/here/')).toEqual([]);
      expect((await lake.get('raw/dt=2026-03-01/event_type=refund/a.parquet')).toString()).toBe('a');
      await expect(lake.get('raw/missing.parquet')).rejects.toThrow(/ENOENT/);
      expect(lake.url).toBe(`file://${dir}`);
    }));

  test('an overwrite replaces the whole object and leaves no temp file behind', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      const key = 'raw/dt=2026-03-01/event_type=purchase/x.parquet';
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          lake.put(key, Buffer.alloc(64 * 1024 + i, String.fromCharCode(97 + i))),
        ),
      );
      const body = await lake.get(key);
      // Whichever write won, it is complete and unmixed.
      expect(new Set(body.toString()).size).toBe(1);
      expect(body.length).toBe(64 * 1024 + body.toString().charCodeAt(0) - 97);
      expect(await readdir(join(dir, 'raw/dt=2026-03-01/event_type=purchase'))).toEqual(['x.parquet']);
    }));

  test('temp files of an interrupted put are never listed', () =>
    withTempDir(async (dir) => {
      const lake = createDiskLakeStore(dir);
      const partition = join(dir, 'raw/dt=2026-03-01/event_type=purchase');
      await mkdir(partition, { recursive: true });
      await writeFile(join(partition, '.part-w1-1.parquet.0123456789ab.tmp'), 'half a file');
      await lake.put('raw/dt=2026-03-01/event_type=purchase/part-w1-2.parquet', Buffer.from('whole'));
      expect(await lake.list('raw/')).toEqual(['raw/dt=2026-03-01/event_type=purchase/part-w1-2.parquet']);
    }));

  test.each(['../escape.parquet', '/abs.parquet', 'a//b', 'a/.hidden', 'a\\b', ''])(
    'refuses the key %j',
    (key) =>
      withTempDir(async (dir) => {
        await expect(createDiskLakeStore(dir).put(key, Buffer.from('x'))).rejects.toThrow(/invalid lake key/);
      }),
  );
});

describe('parseLakeUrl', () => {
  test.each([
    ['file:///var/lib/txgraph/lake', { kind: 'file', path: '/var/lib/txgraph/lake' }],
    ['file://data/lake', { kind: 'file', path: 'data/lake' }],
    ['file:///tmp/with%20space', { kind: 'file', path: '/tmp/with space' }],
    ['s3://my-bucket/lake/prod/', { kind: 's3', bucket: 'my-bucket', prefix: 'lake/prod' }],
    ['s3://my-bucket', { kind: 's3', bucket: 'my-bucket', prefix: '' }],
  ])('%s', (url, expected) => {
    expect(parseLakeUrl(url)).toEqual(expected);
  });

  test.each(['http://x/y', '/plain/path', 's3://', 's3://Bad_Bucket/x', 's3://bucket/a/../b', 'file://'])(
    'rejects %s with a clear error',
    (url) => {
      expect(() => parseLakeUrl(url)).toThrow(/lake URL/);
    },
  );
});
