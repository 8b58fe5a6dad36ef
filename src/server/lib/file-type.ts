/**
 * The type of an uploaded file from its first bytes (magic numbers), not from its name or the Content-Type the
 * browser claimed. Only the types the platform accepts as evidence are recognised.
 */
export type AcceptedType = { contentType: string; extension: string };

const PDF = { contentType: 'application/pdf', extension: 'pdf' };
const PNG = { contentType: 'image/png', extension: 'png' };
const JPEG = { contentType: 'image/jpeg', extension: 'jpg' };
const DOCX = {
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
};
const XLSX = { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };

const startsWith = (b: Buffer, sig: number[]) => sig.every((v, i) => b[i] === v);

export function detectFileType(bytes: Buffer): AcceptedType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // An OOXML package is a zip whose entries name their part: look for the main part's directory.
    const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024)).toString('latin1');
    if (head.includes('word/')) return DOCX;
    if (head.includes('xl/')) return XLSX;
  }
  return null;
}
