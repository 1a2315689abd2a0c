// A JSON document parsed whole: an array of records (line = index + 1) or one object (line 1).
import { MAX_JSON_DOCUMENT_BYTES, formatBytes } from "@/lib/core/formats/limits";
import type { RawRecord } from "./types";
import { INVALID_UTF8, decodeUtf8 } from "./utf8";
import { jsonErrorOffset, lineColumn } from "./json-error";

function invalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (decodeUtf8(bytes.subarray(start, i)) === null) return line;
      line++;
      start = i + 1;
    }
  }
  return 1;
}

export function* readJsonDocument(bytes: Uint8Array): Generator<RawRecord> {
  if (bytes.length > MAX_JSON_DOCUMENT_BYTES) {
    yield {
      line: 0,
      error: {
        field: "",
        message: `a JSON document over ${formatBytes(MAX_JSON_DOCUMENT_BYTES)} is not read whole: convert it to JSONL (one record per line)`,
      },
    };
    return;
  }
  let text = decodeUtf8(bytes);
  if (text === null) {
    yield { line: invalidUtf8Line(bytes), error: { field: "", message: `text line ${INVALID_UTF8}` } };
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").slice(0, 200);
    const pos = jsonErrorOffset(text);
    const { line, column } = lineColumn(text, pos < 0 ? 0 : pos);
    yield { line, error: { field: "", message: `invalid JSON at text line ${line}, column ${column}: ${msg}` } };
    return;
  }
  // Let the bytes, the text and each record go as soon as they are used: memory stays near one copy.
  bytes = new Uint8Array(0);
  text = "";
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) {
      const value = doc[i];
      doc[i] = undefined;
      yield { line: i + 1, value };
    }
  } else if (doc && typeof doc === "object") yield { line: 1, value: doc };
  else
    yield { line: 1, error: { field: "", message: "a JSON file must hold an array of records or one record object" } };
}
