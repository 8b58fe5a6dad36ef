import zlib from 'node:zlib';

/**
 * A zip of the given parts, deflated, as a spreadsheet program writes one: for files whose parts a test shapes by
 * hand (a zip bomb, a sheet of 650,000 rows written fast). CRC-32 and sizes are real.
 */
export function zipOf(parts: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const data = zlib.deflateRawSync(raw, { level: 6 });
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    directory.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A one-sheet .xlsx, in the part order Excel uses (the sheet before the shared strings and the workbook). Strings are
 * inline, or with `sharedStrings` in a shared-strings part as Excel writes them. `rows` yields each row's cells; pass
 * a generator for files too big to hold as arrays (the sheet is built in pieces, never as one string).
 */
export function xlsxOf(rows: Iterable<(string | number | null)[]>, opts: { sharedStrings?: boolean } = {}): Buffer {
  const pieces: Buffer[] = [];
  let chunk: string[] = [];
  const shared = new Map<string, number>();
  let r = 0;
  for (const cells of rows) {
    r++;
    const cs = cells
      .map((v, i) => {
        if (v === null) return '';
        const ref = `${String.fromCharCode(65 + i)}${r}`;
        if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
        if (!opts.sharedStrings) return `<c r="${ref}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`;
        let index = shared.get(v);
        if (index === undefined) {
          index = shared.size;
          shared.set(v, index);
        }
        return `<c r="${ref}" t="s"><v>${index}</v></c>`;
      })
      .join('');
    chunk.push(`<row r="${r}">${cs}</row>`);
    if (chunk.length === 10_000) {
      pieces.push(Buffer.from(chunk.join(''), 'utf8'));
      chunk = [];
    }
  }
  pieces.push(Buffer.from(chunk.join(''), 'utf8'));
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheet = Buffer.concat([
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}"><sheetData>`),
    ...pieces,
    Buffer.from('</sheetData></worksheet>'),
  ]);
  const strings: string[] = [];
  for (const text of shared.keys()) strings.push(`<si><t>${xmlText(text)}</t></si>`);
  return zipOf({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheet,
    ...(opts.sharedStrings
      ? {
          'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${ns}" count="${shared.size}" uniqueCount="${shared.size}">${strings.join('')}</sst>`,
        }
      : {}),
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>${opts.sharedStrings ? `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
  });
}
