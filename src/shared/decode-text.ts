// The one way the harness turns a file's bytes into text (collection, environment, iteration data, v3
// YAML): by its byte order mark, as Newman reads them (chardet knows UTF-16 only by its mark), so a
// file Newman runs is never refused here. Windows editors write UTF-8 with a mark, and UTF-16 LE.
import { readFile } from 'node:fs/promises';

/** Byte order marks and the encoding each announces; a file without one is UTF-8. */
const MARKS: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/**
 * The text of a file's bytes, without its byte order mark.
 * @example decodeText(Buffer.from('\uFEFF{"values": []}', 'utf16le')) // '{"values": []}'
 */
export function decodeText(bytes: Uint8Array): string {
  const mark = MARKS.find((m) => m.bytes.every((byte, i) => bytes[i] === byte));
  // TextDecoder drops the mark of the encoding it decodes (ignoreBOM is false by default).
  return new TextDecoder(mark?.encoding ?? 'utf-8').decode(bytes);
}

/** A file's text, decoded by decodeText; rejects as readFile does (ENOENT, EISDIR...). */
export async function readTextFile(path: string): Promise<string> {
  return decodeText(await readFile(path));
}
