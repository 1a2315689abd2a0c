// A JSON array, streamed: a byte-level scanner finds each top-level element (strings and nesting
// tracked; structural characters are ASCII, so UTF-8 needs no decoding to scan), then each element
// is decoded as strict UTF-8 and parsed alone. Memory stays at one element, whatever the file size.
// line = element index + 1; messages also give the text line where the element starts.
import { MAX_LINE_BYTES, formatBytes } from "@/lib/core/formats/limits";
import { jsonErrorOffset } from "./json-error";
import type { RawRecord } from "./types";
import { INVALID_UTF8, decodeUtf8, locateInvalidUtf8 } from "./utf8";

const isWs = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function parseElement(bytes: Uint8Array, index: number, textLine: number): RawRecord {
  const line = index + 1;
  const text = decodeUtf8(bytes);
  if (text === null)
    return {
      line,
      error: { field: locateInvalidUtf8(bytes), message: `${INVALID_UTF8} (record ${line}, text line ${textLine})` },
    };
  try {
    return { line, value: JSON.parse(text) };
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, " ").slice(0, 200);
    const pos = jsonErrorOffset(text);
    const at = pos >= 0 ? textLine + (text.slice(0, pos).match(/\n/g)?.length ?? 0) : textLine;
    return { line, error: { field: "", message: `invalid JSON in record ${line} (text line ${at}): ${msg}` } };
  }
}

export async function* readJsonArray(
  chunks: AsyncIterable<Uint8Array>,
  onChunk: (c: Uint8Array) => void,
): AsyncGenerator<RawRecord> {
  type State = "start" | "open" | "before" | "element" | "end";
  let state: State = "start";
  let textLine = 1;
  let index = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  let tooLong = false;
  let elementLine = 1;
  const structural = (message: string): RawRecord => ({
    line: index + 1,
    error: { field: "", message: `${message} (text line ${textLine})` },
  });

  for await (const chunk of chunks) {
    onChunk(chunk);
    let elemStart = state === "element" ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (state === "element") {
        if (b === 0x0a) textLine++;
        if (inString) {
          if (escaped) escaped = false;
          else if (b === 0x5c) escaped = true;
          else if (b === 0x22) inString = false;
          continue;
        }
        if (b === 0x22) inString = true;
        else if (b === 0x7b || b === 0x5b) depth++;
        else if ((b === 0x7d || b === 0x5d) && depth > 0) depth--;
        else if (depth === 0 && (b === 0x2c || b === 0x5d)) {
          const piece = chunk.subarray(elemStart, i);
          if (tooLong || partBytes + piece.length > MAX_LINE_BYTES)
            yield {
              line: index + 1,
              error: { field: "", message: `record is larger than ${formatBytes(MAX_LINE_BYTES)}` },
            };
          else yield parseElement(partBytes ? Buffer.concat([...parts, piece]) : piece, index, elementLine);
          parts = [];
          partBytes = 0;
          tooLong = false;
          index++;
          state = b === 0x2c ? "before" : "end";
        }
        continue;
      }
      if (b === 0x0a) textLine++;
      if (isWs(b) || (state === "start" && (b === 0xef || b === 0xbb || b === 0xbf))) continue;
      if (state === "start") {
        if (b !== 0x5b) return yield structural("expected a JSON array starting with [");
        state = "open"; // an empty array may close at once
        continue;
      }
      if (state === "open" && b === 0x5d) {
        state = "end";
        continue;
      }
      if (state === "before" || state === "open") {
        if (b === 0x5d) return yield structural("a trailing comma before ]");
        state = "element";
        elemStart = i;
        elementLine = textLine;
        depth = 0;
        inString = false;
        escaped = false;
        i--; // rescan this byte as part of the element
        continue;
      }
      return yield structural("unexpected text after the closing ] of the array");
    }
    if (state === "element" && elemStart >= 0) {
      const rest = chunk.subarray(elemStart);
      if (tooLong || partBytes + rest.length > MAX_LINE_BYTES) {
        tooLong = true;
        parts = [];
        partBytes = 0;
      } else {
        parts.push(Buffer.from(rest)); // the stream may reuse its chunk buffers
        partBytes += rest.length;
      }
    }
  }
  if ((state as State) !== "end") yield structural("the JSON array is not closed with ]");
}
