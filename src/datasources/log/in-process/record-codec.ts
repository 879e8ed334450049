import zlib from 'node:zlib';

/**
 * On-disk record frame (big-endian):
 *
 *   u32 bodyLength | u32 crc32(body) | body
 *   body = u8 magic(1) | u64 offset | u64 timestamp | i32 keyLength (-1 = null) | key
 *        | u32 headerCount | (u32 nameLength | name | u32 valueLength | value)* | u32 valueLength | value
 *
 * The length prefix lets a reader skip records without decoding them; the CRC is what tells a
 * torn or garbage tail (crash mid-write) from a real record at load.
 */

export const FRAME_HEADER_BYTES = 8;
const MAGIC = 1;
/** Anything claiming to be larger is garbage, not a record: no producer writes frames this big. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;
const TWO_32 = 2 ** 32;

export interface StoredRecord {
  offset: number;
  timestamp: number;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

export const crc32: (data: Buffer) => number =
  typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) : tableCrc32;

let crcTable: Uint32Array | undefined;

/** Fallback for Node releases before zlib.crc32 (20.15): same polynomial, same results. */
function tableCrc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function encodeRecord(record: StoredRecord): Buffer {
  const length = frameLength(record);
  const frame = Buffer.allocUnsafe(length);
  encodeRecordInto(record, frame, 0, length);
  return frame;
}

/** One appended batch: every frame in one buffer, in order. */
export interface EncodedBatch {
  data: Buffer;
  /** Byte length of each record's frame within `data`. */
  frameLengths: number[];
  /** Each record's value as a view of `data`: keeping one keeps only the batch alive. */
  values: Buffer[];
}

/**
 * The batch gets a buffer of its own rather than slices of Node's shared 8 KiB pool: whoever keeps
 * a record (the partition's in-memory tail) then keeps exactly the batch's bytes, not whatever
 * else was carved from the same pool slab.
 */
export function encodeBatch(records: StoredRecord[]): EncodedBatch {
  const frameLengths = records.map(frameLength);
  const data = Buffer.allocUnsafeSlow(frameLengths.reduce((sum, n) => sum + n, 0));
  const values: Buffer[] = [];
  let at = 0;
  records.forEach((record, i) => {
    encodeRecordInto(record, data, at, frameLengths[i]);
    at += frameLengths[i];
    values.push(data.subarray(at - record.value.length, at));
  });
  return { data, frameLengths, values };
}

function frameLength(record: StoredRecord): number {
  let bodyLength = 1 + 8 + 8 + 4 + 4 + 4 + record.value.length;
  if (record.key !== null) bodyLength += Buffer.byteLength(record.key, 'utf8');
  for (const name of Object.keys(record.headers)) {
    bodyLength += 8 + Buffer.byteLength(name, 'utf8') + Buffer.byteLength(record.headers[name], 'utf8');
  }
  return FRAME_HEADER_BYTES + bodyLength;
}

/** Writes the record's frame, `length` (its frameLength) bytes, into `target` at `start`. */
function encodeRecordInto(record: StoredRecord, target: Buffer, start: number, length: number): void {
  const end = start + length;
  target.writeUInt32BE(end - start - FRAME_HEADER_BYTES, start);
  let at = start + FRAME_HEADER_BYTES;
  at = target.writeUInt8(MAGIC, at);
  at = writeUInt64(target, record.offset, at);
  at = writeUInt64(target, record.timestamp, at);
  if (record.key === null) at = target.writeInt32BE(-1, at);
  else at = writeString(target, record.key, at);
  const names = Object.keys(record.headers);
  at = target.writeUInt32BE(names.length, at);
  for (const name of names) {
    at = writeString(target, name, at);
    at = writeString(target, record.headers[name], at);
  }
  at = target.writeUInt32BE(record.value.length, at);
  at += record.value.copy(target, at);
  if (at !== end) throw new Error(`record frame is ${at - start} bytes, expected ${end - start}`);
  target.writeUInt32BE(crc32(target.subarray(start + FRAME_HEADER_BYTES, end)), start + 4);
}

/** u32 byte length, then the UTF-8 bytes. */
function writeString(target: Buffer, text: string, at: number): number {
  const written = target.write(text, at + 4, 'utf8');
  target.writeUInt32BE(written, at);
  return at + 4 + written;
}

export type FrameResult =
  | { kind: 'record'; record: StoredRecord; frameLength: number }
  /** Not enough bytes in the buffer yet; `needed` is the whole frame length when known. */
  | { kind: 'incomplete'; needed: number }
  | { kind: 'corrupt'; reason: string };

/** Decodes the frame at `at`. The returned value buffer is a copy, safe to keep. */
export function decodeFrame(buf: Buffer, at: number): FrameResult {
  if (buf.length - at < FRAME_HEADER_BYTES) return { kind: 'incomplete', needed: FRAME_HEADER_BYTES };
  const bodyLength = buf.readUInt32BE(at);
  if (bodyLength < 29 || bodyLength > MAX_BODY_BYTES) return { kind: 'corrupt', reason: 'bad length' };
  const frameLength = FRAME_HEADER_BYTES + bodyLength;
  if (buf.length - at < frameLength) return { kind: 'incomplete', needed: frameLength };
  const body = buf.subarray(at + FRAME_HEADER_BYTES, at + frameLength);
  if (crc32(body) !== buf.readUInt32BE(at + 4)) return { kind: 'corrupt', reason: 'crc mismatch' };
  try {
    return { kind: 'record', record: decodeBody(body), frameLength };
  } catch {
    return { kind: 'corrupt', reason: 'malformed body' };
  }
}

function decodeBody(body: Buffer): StoredRecord {
  if (body.readUInt8(0) !== MAGIC) throw new Error('unknown magic');
  let at = 1;
  const offset = readUInt64(body, at);
  const timestamp = readUInt64(body, at + 8);
  at += 16;
  const keyLength = body.readInt32BE(at);
  at += 4;
  let key: string | null = null;
  if (keyLength >= 0) {
    key = body.toString('utf8', at, at + keyLength);
    at += keyLength;
  }
  const headerCount = body.readUInt32BE(at);
  at += 4;
  const headers: Record<string, string> = {};
  for (let i = 0; i < headerCount; i++) {
    const nameLength = body.readUInt32BE(at);
    const name = body.toString('utf8', at + 4, at + 4 + nameLength);
    at += 4 + nameLength;
    const valueLength = body.readUInt32BE(at);
    setHeader(headers, name, body.toString('utf8', at + 4, at + 4 + valueLength));
    at += 4 + valueLength;
  }
  const valueLength = body.readUInt32BE(at);
  at += 4;
  if (at + valueLength !== body.length) throw new Error('length mismatch');
  return { offset, timestamp, key, headers, value: Buffer.from(body.subarray(at)) };
}

/** A header named `__proto__` must stay data, not replace the object's prototype. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
}

function writeUInt64(buf: Buffer, value: number, at: number): number {
  buf.writeUInt32BE(Math.floor(value / TWO_32), at);
  return buf.writeUInt32BE(value >>> 0, at + 4);
}

function readUInt64(buf: Buffer, at: number): number {
  return buf.readUInt32BE(at) * TWO_32 + buf.readUInt32BE(at + 4);
}
