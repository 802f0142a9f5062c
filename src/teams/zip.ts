// A minimal zip writer (PKWARE APPNOTE 6.3): one local header and data per entry, then the central
// directory and its end record. Entries are deflated when that makes them smaller, stored
// otherwise. No zip64, no encryption, no extra fields: enough for a Teams app package (a manifest
// and two icons). No dependencies but Node's zlib.
import zlib from 'node:zlib';

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as in zip and PNG) computed bit-table style, for Node without zlib.crc32. */
export function crc32Table(data: Uint8Array, crc = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32 of `data`: zlib.crc32 where Node has it (20.15 and later), the table version otherwise. */
export function crc32(data: Uint8Array, crc = 0): number {
  const native = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
  return typeof native === 'function' ? native(data, crc) >>> 0 : crc32Table(data, crc);
}

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash ("manifest.json"). */
  name: string;
  data: Uint8Array | string;
}

export interface ZipOptions {
  /** Modification time written for every entry. Default 1980-01-01 00:00, so a build is reproducible. */
  modified?: Date;
}

const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES = 1 << 11;

function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
  };
}

function checkName(name: string): void {
  if (!name || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
    throw new Error(`zip: bad entry name "${name}"`);
  }
}

/** The bytes of a zip archive holding `entries`, in that order. */
export function createZip(entries: readonly ZipEntry[], options: ZipOptions = {}): Buffer {
  const { date, time } = dosDateTime(options.modified ?? new Date(1980, 0, 1));
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    checkName(entry.name);
    if (seen.has(entry.name)) throw new Error(`zip: duplicate entry "${entry.name}"`);
    seen.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : data;
    if (data.length >= 0xffffffff || offset >= 0xffffffff) throw new Error('zip: too large (no zip64)');
    const crc = crc32(data);
    const versionNeeded = method === DEFLATED ? 20 : 10;

    // The local header and the central directory record share this run of fields: at offset 4 in
    // the first, 6 in the second (after "version made by").
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(versionNeeded, at);
      header.writeUInt16LE(UTF8_NAMES, at + 2);
      header.writeUInt16LE(method, at + 4);
      header.writeUInt16LE(time, at + 6);
      header.writeUInt16LE(date, at + 8);
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(body.length, at + 14);
      header.writeUInt32LE(data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      return header;
    };
    const local = fields(Buffer.alloc(30), 4);
    local.writeUInt32LE(0x04034b50, 0);
    // extra field length (28): 0
    locals.push(local, name, body);

    const central = fields(Buffer.alloc(46), 6);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS (FAT attributes), zip 2.0
    // extra length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  if (seen.size > 0xffff) throw new Error('zip: too many entries (no zip64)');
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(seen.size, 8); // entries on this disk
  end.writeUInt16LE(seen.size, 10); // entries in all
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
