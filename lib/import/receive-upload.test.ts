// receiveUpload on its own: leftovers of a killed server are swept; a fresh upload folder is not.
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { receiveUpload } from "./receive-upload";

const root = mkdtempSync(join(tmpdir(), "int-receive-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("upload folders older than a day (a server killed mid-import) are removed; younger ones stay", async () => {
  const old = join(root, "upload-old");
  const young = join(root, "upload-young");
  mkdirSync(old);
  mkdirSync(young);
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  const form = new FormData();
  form.set("dataset", "d");
  form.set("file", new File(["{}\n"], "a.jsonl"));
  const r = await receiveUpload(new Request("http://localhost/", { method: "POST", body: form }), {
    maxFileBytes: 1024,
    tempRoot: root,
  });
  expect(r.ok).toBe(true);
  expect(existsSync(old)).toBe(false);
  expect(existsSync(young)).toBe(true);
  if (r.ok) expect(r.upload).toMatchObject({ fileName: "a.jsonl", size: 3, fields: { dataset: "d" } });
});
