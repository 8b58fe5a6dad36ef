/**
 * The directory of a zip held in memory (an uploaded .xlsx), read from its end as unzip tools do, so that a part
 * can be opened by name in any order. Parts are stored (0) or deflated (8); anything else, encrypted parts and
 * ZIP64 (which no spreadsheet under the upload limit needs) are refused as unreadable.
 */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  compressedSize: number;
  localOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export function readZipEntries(zip: Buffer): Map<string, ZipEntry> {
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== DIRECTORY_ENTRY) throw new Error('zip: bad directory entry');
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (flags & 1) throw new Error(`zip: ${name} is encrypted`);
    if (method !== 0 && method !== 8) throw new Error(`zip: ${name} uses method ${method}`);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw new Error('zip: ZIP64');
    entries.set(name, { name, method, compressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of one part (a view into the zip, not a copy). */
export function zipEntryData(zip: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localOffset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL_HEADER) throw new Error(`zip: bad header of ${entry.name}`);
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw new Error(`zip: ${entry.name} runs past the end`);
  return zip.subarray(start, end);
}
