// A small zip reader and writer for the studio's import and export (docs/studio.md, "Import and
// export"): stored and deflated entries, inflated and deflated by the browser's own
// DecompressionStream / CompressionStream ('deflate-raw'), CRC-32 checked on read and written on
// write. Zip64, encrypted entries and other methods are refused with a code the page turns into a
// sentence.

/** Refusals, with a code: notZip, zip64, encrypted, method, broken, tooBig. */
export class ZipError extends Error {
  constructor(code, name) {
    super(code);
    this.code = code;
    this.entry = name || '';
  }
}

/** At most this many entries and bytes (inflated, all entries together) are read from one zip. */
export const MAX_ENTRIES = 5000;
export const MAX_TOTAL_BYTES = 200 * 1024 * 1024;

let table = null;

export function crc32(bytes) {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Runs bytes through a (de)compression stream, stopping with tooBig past `limit` output bytes. */
async function pipe(bytes, stream, limit, name) {
  const writer = stream.writable.getWriter();
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw new ZipError('tooBig', name);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The files of a zip: [{name, bytes}], directories left out. Rejects with a ZipError; a broken
 * entry (bad header, bad deflate data, wrong CRC) makes the whole zip "broken", so nothing from a
 * damaged archive is half-read.
 */
export async function readZip(buffer) {
  const data = new Uint8Array(buffer);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = at => view.getUint16(at, true);
  const u32 = at => view.getUint32(at, true);
  if (data.length < 22 || u32(0) !== 0x04034b50) {
    // an empty zip starts with its end record
    if (data.length === 22 && u32(0) === 0x06054b50) return [];
    throw new ZipError('notZip');
  }
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (u32(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('broken');
  if (end >= 20 && u32(end - 20) === 0x07064b50) throw new ZipError('zip64');
  const count = u16(end + 10);
  const cdSize = u32(end + 12);
  const cdOffset = u32(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new ZipError('zip64');
  if (count > MAX_ENTRIES) throw new ZipError('tooBig');
  if (cdOffset + cdSize > end) throw new ZipError('broken');
  const utf8 = new TextDecoder('utf-8');
  const files = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || u32(p) !== 0x02014b50) throw new ZipError('broken');
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const crc = u32(p + 16);
    const packed = u32(p + 20);
    const size = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const local = u32(p + 42);
    const name = utf8.decode(data.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (packed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new ZipError('zip64', name);
    if (flags & 1) throw new ZipError('encrypted', name);
    if (name.endsWith('/')) continue;
    if (method !== 0 && method !== 8) throw new ZipError('method', name);
    total += size;
    if (total > MAX_TOTAL_BYTES) throw new ZipError('tooBig', name);
    if (local + 30 > data.length || u32(local) !== 0x04034b50) throw new ZipError('broken', name);
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + packed > data.length) throw new ZipError('broken', name);
    const raw = data.subarray(start, start + packed);
    let bytes;
    if (method === 0) {
      bytes = raw.slice();
    } else {
      try {
        bytes = await pipe(raw, new DecompressionStream('deflate-raw'), size, name);
      } catch (e) {
        // bad deflate data, or more bytes than the directory declares
        throw new ZipError('broken', name);
      }
    }
    if (bytes.length !== size || crc32(bytes) !== crc) throw new ZipError('broken', name);
    files.push({ name, bytes });
  }
  return files;
}

function dosTime(date) {
  const time = (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1);
  const day = ((Math.max(1980, date.getFullYear()) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return { time, day };
}

/**
 * A zip of [{name, bytes, deflate}] as a Blob: names in UTF-8 (flag 11), each entry deflated when
 * asked and smaller that way, else stored (images are compressed already).
 */
export async function writeZip(entries, now = new Date()) {
  const enc = new TextEncoder();
  const { time, day } = dosTime(now);
  const parts = [];
  const central = [];
  let offset = 0;
  for (const entry of entries) {
    const name = enc.encode(entry.name);
    const crc = crc32(entry.bytes);
    let body = entry.bytes;
    let method = 0;
    if (entry.deflate && entry.bytes.length > 0) {
      const packed = await pipe(entry.bytes, new CompressionStream('deflate-raw'), Infinity, entry.name);
      if (packed.length < entry.bytes.length) {
        body = packed;
        method = 8;
      }
    }
    if (offset + body.length + 30 + name.length > 0xfffffffe) throw new ZipError('tooBig', entry.name);
    const header = new Uint8Array(30 + name.length);
    const h = new DataView(header.buffer);
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, 20, true);
    h.setUint16(6, 0x0800, true);
    h.setUint16(8, method, true);
    h.setUint16(10, time, true);
    h.setUint16(12, day, true);
    h.setUint32(14, crc, true);
    h.setUint32(18, body.length, true);
    h.setUint32(22, entry.bytes.length, true);
    h.setUint16(26, name.length, true);
    header.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const c = new DataView(record.buffer);
    c.setUint32(0, 0x02014b50, true);
    c.setUint16(4, 20, true);
    c.setUint16(6, 20, true);
    c.setUint16(8, 0x0800, true);
    c.setUint16(10, method, true);
    c.setUint16(12, time, true);
    c.setUint16(14, day, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, body.length, true);
    c.setUint32(24, entry.bytes.length, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    record.set(name, 46);
    parts.push(header, body);
    central.push(record);
    offset += header.length + body.length;
  }
  if (entries.length >= 0xffff) throw new ZipError('tooBig');
  const cdSize = central.reduce((n, r) => n + r.length, 0);
  const endRecord = new Uint8Array(22);
  const e = new DataView(endRecord.buffer);
  e.setUint32(0, 0x06054b50, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, cdSize, true);
  e.setUint32(16, offset, true);
  return new Blob([...parts, ...central, endRecord], { type: 'application/zip' });
}
