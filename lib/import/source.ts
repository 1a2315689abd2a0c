// Opens a file (path or uploaded bytes) as a stream of records: Parquet (row group by row group),
// a JSON array (element by element), JSONL (line by line), or one pretty-printed JSON object
// (parsed whole). The file's sha256 is computed on the way.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { asyncBufferFromFile } from "hyparquet";
import { MAX_FILE_BYTES, MAX_JSON_DOCUMENT_BYTES, formatBytes } from "@/lib/core/formats/limits";
import { readJsonDocument } from "./read-json";
import { readJsonl } from "./read-jsonl";
import { readParquet } from "./read-parquet";
import type { RawRecord, RecordSource } from "./types";
import { readJsonArray } from "./read-json-array";
import { decodeUtf8 } from "./utf8";

export type OpenResult = { ok: true; value: RecordSource } | { ok: false; message: string };

const CHUNK = 1 << 20;

function ext(name: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(name);
  return m ? m[1].toLowerCase() : "";
}

function isParquet(name: string, head: Uint8Array): boolean {
  return (
    ext(name) === "parquet" ||
    (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31)
  );
}

function firstByte(bytes: Uint8Array): number {
  for (const b of bytes)
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf) return b;
  return -1;
}

const isJsonlName = (name: string) => ext(name) === "jsonl" || ext(name) === "ndjson";
/** A JSON array (streamed element by element) unless the name says JSONL. */
const isArray = (name: string, head: Uint8Array) => !isJsonlName(name) && firstByte(head) === 0x5b;

/** One JSON object spread over several lines (PRM800K's .json files) rather than JSONL? */
function looksLikeDocument(name: string, bytes: Uint8Array): boolean {
  if (isJsonlName(name)) return false;
  let start = 0;
  while (
    start < bytes.length &&
    (bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x20 || bytes[start] === 0x09)
  )
    start++;
  const nl = bytes.indexOf(0x0a, start);
  if (nl === -1) return false; // one line: JSONL reads it the same way
  try {
    JSON.parse(decodeUtf8(bytes.subarray(start, nl)) ?? "");
    return false; // a complete first line: JSONL
  } catch {
    return true;
  }
}

async function* bufferChunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
}

type StreamReader = (chunks: AsyncIterable<Uint8Array>, onChunk: (c: Uint8Array) => void) => AsyncIterable<RawRecord>;

/** JSONL or a JSON array, read chunk by chunk; the file hash is computed on the way. */
function streamSource(
  kind: "jsonl" | "json",
  reader: StreamReader,
  chunks: AsyncIterable<Uint8Array>,
  totalBytes: number,
): RecordSource {
  const hash = createHash("sha256");
  let read = 0;
  let digest = "";
  const records = reader(chunks, (c) => {
    hash.update(c);
    read += c.length;
  });
  return {
    kind,
    totalBytes,
    records,
    bytesRead: () => read,
    fileHash: () => (digest ||= hash.digest("hex")),
  };
}

function documentSource(bytes: Uint8Array): RecordSource {
  const fileHash = createHash("sha256").update(bytes).digest("hex");
  const size = bytes.length;
  return {
    kind: "json",
    totalBytes: size,
    records: toAsync(readJsonDocument(bytes)),
    bytesRead: () => size,
    fileHash: () => fileHash,
  };
}

async function* toAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  yield* it;
}

function tooLarge(size: number): string {
  return `the file is ${formatBytes(size)}; the limit is ${formatBytes(MAX_FILE_BYTES)}`;
}

export function openBufferSource(bytes: Uint8Array, fileName: string): OpenResult {
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, message: tooLarge(bytes.length) };
  if (isParquet(fileName, bytes.subarray(0, 4))) {
    const fileHash = createHash("sha256").update(bytes).digest("hex");
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return {
      ok: true,
      value: {
        kind: "parquet",
        totalBytes: bytes.length,
        records: readParquet(ab),
        bytesRead: () => bytes.length,
        fileHash: () => fileHash,
      },
    };
  }
  if (isArray(fileName, bytes))
    return { ok: true, value: streamSource("json", readJsonArray, bufferChunks(bytes), bytes.length) };
  if (looksLikeDocument(fileName, bytes)) return { ok: true, value: documentSource(bytes) };
  return { ok: true, value: streamSource("jsonl", readJsonl, bufferChunks(bytes), bytes.length) };
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const c of createReadStream(path, { highWaterMark: CHUNK })) hash.update(c as Buffer);
  return hash.digest("hex");
}

export async function openFileSource(path: string): Promise<OpenResult> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) return { ok: false, message: "not a regular file" };
    size = s.size;
  } catch (e) {
    return { ok: false, message: `cannot read the file: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (size > MAX_FILE_BYTES) return { ok: false, message: tooLarge(size) };
  const head = Buffer.alloc(Math.min(size, 64 * 1024));
  const fh = await open(path, "r");
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (isParquet(path, head)) {
    const fileHash = await hashFile(path);
    const file = await asyncBufferFromFile(path);
    return {
      ok: true,
      value: {
        kind: "parquet",
        totalBytes: size,
        records: readParquet(file),
        bytesRead: () => size,
        fileHash: () => fileHash,
      },
    };
  }
  const stream = () => createReadStream(path, { highWaterMark: CHUNK });
  if (isArray(path, head)) return { ok: true, value: streamSource("json", readJsonArray, stream(), size) };
  if (!isJsonlName(path) && looksLikeDocument(path, head)) {
    if (size > MAX_JSON_DOCUMENT_BYTES)
      return {
        ok: false,
        message: `one JSON object over ${formatBytes(MAX_JSON_DOCUMENT_BYTES)} is not read whole: write one record per line (JSONL) or a JSON array`,
      };
    return { ok: true, value: documentSource(await readFile(path)) };
  }
  return { ok: true, value: streamSource("jsonl", readJsonl, stream(), size) };
}
