// JSONL, streamed: split on "\n" at the byte level, decode each line as strict UTF-8, parse it.
// Line numbers count every line (blank ones too) so they match an editor's.
import { MAX_LINE_BYTES, formatBytes } from "@/lib/core/formats/limits";
import type { RawRecord } from "./types";
import { INVALID_UTF8, decodeUtf8, locateInvalidUtf8 } from "./utf8";
import { jsonErrorOffset } from "./json-error";

const NL = 0x0a;

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

function parseLine(bytes: Uint8Array, line: number): RawRecord | null {
  if (isBlank(bytes)) return null;
  const text = decodeUtf8(bytes);
  if (text === null) return { line, error: { field: locateInvalidUtf8(bytes), message: INVALID_UTF8 } };
  try {
    return { line, value: JSON.parse(text) };
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").slice(0, 200);
    const pos = jsonErrorOffset(text);
    return { line, error: { field: "", message: `invalid JSON${pos >= 0 ? ` at column ${pos + 1}` : ""}: ${msg}` } };
  }
}

/** Lines of a byte stream as records. `onChunk` sees every chunk (hashing, progress). */
export async function* readJsonl(
  chunks: AsyncIterable<Uint8Array>,
  onChunk: (c: Uint8Array) => void,
): AsyncGenerator<RawRecord> {
  let line = 1;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  for await (const raw of chunks) {
    onChunk(raw);
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    for (let nl = chunk.indexOf(NL, start); nl !== -1; nl = chunk.indexOf(NL, start)) {
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (tooLong || pendingBytes + piece.length > MAX_LINE_BYTES) {
        yield { line, error: { field: "", message: `line is longer than ${formatBytes(MAX_LINE_BYTES)}` } };
      } else {
        const bytes = pendingBytes ? Buffer.concat([...pending, piece]) : piece;
        const rec = parseLine(bytes, line);
        if (rec) yield rec;
      }
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      line++;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) continue;
    if (tooLong || pendingBytes + rest.length > MAX_LINE_BYTES) {
      tooLong = true;
      pending = [];
      pendingBytes = 0;
    } else {
      // Copy: the stream may reuse its chunk buffers.
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  if (tooLong) yield { line, error: { field: "", message: `line is longer than ${formatBytes(MAX_LINE_BYTES)}` } };
  else if (pendingBytes) {
    const rec = parseLine(Buffer.concat(pending), line);
    if (rec) yield rec;
  }
}
