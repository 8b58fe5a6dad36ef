import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZipEntries, zipEntryData } from './zip-directory';
import { writeStoredZip } from './zip-writer';

describe('writeStoredZip', () => {
  const files = [
    { name: 'manifest.json', data: Buffer.from('{"version":"1.0"}') },
    { name: '报关单.csv', data: Buffer.from('报关单号,金额\r\n470120260000000101,1000.00\r\n') },
  ];
  const zip = writeStoredZip(files, new Date('2026-11-20T10:00:00+08:00'));

  it('is read back part by part, names in UTF-8', () => {
    const entries = readZipEntries(zip);
    expect([...entries.keys()]).toEqual(files.map((f) => f.name));
    for (const f of files) expect(zipEntryData(zip, entries.get(f.name) as never).equals(f.data)).toBe(true);
  });

  it('passes an unzip tool’s integrity test when one is installed', () => {
    let unzip: string;
    try {
      unzip = execFileSync('sh', ['-c', 'command -v unzip']).toString().trim();
    } catch {
      return;
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zip-')), 'a.zip');
    fs.writeFileSync(file, zip);
    expect(execFileSync(unzip, ['-t', file]).toString()).toContain('No errors detected');
  });
});
