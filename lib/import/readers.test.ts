import { describe, expect, test } from "vitest";
import { openBufferSource, openFileSource } from "./source";
import type { RawRecord } from "./types";
import { jsonErrorOffset } from "./json-error";

const enc = (s: string) => new TextEncoder().encode(s);

async function records(bytes: Uint8Array, name: string): Promise<RawRecord[]> {
  const s = openBufferSource(bytes, name);
  if (!s.ok) throw new Error(s.message);
  const out: RawRecord[] = [];
  for await (const r of s.value.records) out.push(r);
  return out;
}

describe("JSONL", () => {
  test("line numbers count blank lines; CRLF and a missing final newline are fine", async () => {
    const rs = await records(enc('{"a":1}\r\n\n{"a":2}\n   \n{"a":3}'), "x.jsonl");
    expect(rs).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 5, value: { a: 3 } },
    ]);
  });

  test("a bad JSON line is reported with its line number", async () => {
    const rs = await records(enc('{"a":1}\n{"a":\n{"a":3}\n'), "x.jsonl");
    expect(rs[1]).toMatchObject({
      line: 2,
      error: { field: "", message: expect.stringContaining("invalid JSON at column 6") },
    });
    expect(rs[2]).toEqual({ line: 3, value: { a: 3 } });
  });

  test("non-UTF-8 bytes are refused with the line and the field that holds them", async () => {
    const good = enc('{"problem":"ok"}\n');
    const bad = new Uint8Array([...enc('{"problem":"caf'), 0xe9, ...enc('"}\n')]); // latin-1 é
    const rs = await records(new Uint8Array([...good, ...bad]), "x.jsonl");
    expect(rs[1]).toEqual({
      line: 2,
      error: { field: "problem", message: expect.stringContaining("not valid UTF-8") },
    });
  });

  test("lines spanning stream chunks are joined (1 MB chunks)", async () => {
    const long = "y".repeat(1.5 * 1024 * 1024);
    const rs = await records(enc(`{"a":"${long}"}\n{"a":"z"}\n`), "x.jsonl");
    expect((rs[0] as { value: { a: string } }).value.a).toHaveLength(long.length);
    expect(rs[1]).toEqual({ line: 2, value: { a: "z" } });
  });
});

describe("JSON documents", () => {
  test("an array gives line = index + 1; one pretty-printed object gives line 1", async () => {
    expect(await records(enc('[{"a":1},\n {"a":2}]'), "x.json")).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ]);
    expect(await records(enc('{\n  "a": 1\n}\n'), "x.json")).toEqual([{ line: 1, value: { a: 1 } }]);
  });

  test("a syntax error names the record and the text line; the other records still read", async () => {
    const rs = await records(enc('[\n{"a":1},\n{"a":}\n, {"a":3}]'), "x.json");
    expect(rs).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: { field: "", message: expect.stringMatching(/^invalid JSON in record 2 \(text line 3\)/) } },
      { line: 3, value: { a: 3 } },
    ]);
  });

  test("non-UTF-8 bytes name the record and the field", async () => {
    const rs = await records(new Uint8Array([...enc('[\n{"a":"x"},\n{"a":"'), 0xff, ...enc('"}\n]')]), "x.json");
    expect(rs[1]).toEqual({ line: 2, error: { field: "a", message: expect.stringContaining("not valid UTF-8") } });
  });

  test("arrays stream: records span chunks, strings hold brackets and escapes", async () => {
    const big = "w".repeat(1.5 * 1024 * 1024);
    const tricky = '] , [ \\" } \\';
    const text = `[{"a":"${big}"}, ${JSON.stringify({ b: tricky })}, [1,[2]], "s", 4]`;
    const rs = await records(enc(text), "x.json");
    expect(rs.map((r) => ("value" in r ? r.value : r.error))).toEqual([{ a: big }, { b: tricky }, [1, [2]], "s", 4]);
  });

  test("structural errors: empty array, trailing comma, not closed, text after", async () => {
    expect(await records(enc(" [ ] "), "x.json")).toEqual([]);
    expect((await records(enc('[{"a":1},]'), "x.json")).at(-1)).toMatchObject({
      line: 2,
      error: { message: expect.stringContaining("trailing comma") },
    });
    expect((await records(enc('[{"a":1}'), "x.json")).at(-1)).toMatchObject({
      error: { message: expect.stringContaining("not closed") },
    });
    expect((await records(enc('[{"a":1}] x'), "x.json")).at(-1)).toMatchObject({
      error: { message: expect.stringContaining("after the closing ]") },
    });
  });

  test("a .json file that is really JSONL is read as JSONL", async () => {
    expect(await records(enc('{"a":1}\n{"a":2}\n'), "x.json")).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, value: { a: 2 } },
    ]);
  });
});

test("jsonErrorOffset finds the first bad character", () => {
  for (const [text, pos] of [
    ['{"a":1}', -1],
    ['{"a":}', 5],
    ["[1,2", 4],
    ['{"a":tru}', 5],
    ['"x\\q"', 2],
    ["[1] x", 4],
  ] as const) {
    expect(jsonErrorOffset(text)).toBe(pos);
  }
});

describe("limits", () => {
  test("a file over 500 MB is refused before reading (sparse file, no disk used)", async () => {
    const { mkdtempSync, openSync, ftruncateSync, closeSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "int-big-"));
    const path = join(dir, "huge.jsonl");
    const fd = openSync(path, "w");
    ftruncateSync(fd, 501 * 1024 * 1024);
    closeSync(fd);
    const r = await openFileSource(path);
    rmSync(dir, { recursive: true, force: true });
    expect(r).toEqual({ ok: false, message: "the file is 501.0 MB; the limit is 500.0 MB" });
  });

  test("a JSONL line over 16 MB is refused with its line number, the next line still reads", async () => {
    const text = `{"a":1}\n{"a":"${"z".repeat(17 * 1024 * 1024)}"}\n{"a":3}\n`;
    const rs = await records(enc(text), "x.jsonl");
    expect(rs).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: { field: "", message: "line is longer than 16.0 MB" } },
      { line: 3, value: { a: 3 } },
    ]);
  });
});
