// Test helpers for the upload routes: post a form to POST /api/import, then poll
// GET /api/import/[id] until the child-process import has ended, as the upload form does.
import { POST } from "@/app/api/import/route";
import { GET } from "@/app/api/import/[importId]/route";

export function uploadRequest(fields: Record<string, string>, file?: { name: string; text: string }): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.text], file.name));
  return new Request("http://localhost/api/import", { method: "POST", body: form });
}

export async function pollImport(importId: string, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const res = await GET(new Request(`http://localhost/api/import/${importId}`), {
      params: Promise.resolve({ importId }),
    });
    const body = await res.json();
    if (!body.ok) throw new Error(`GET /api/import/${importId}: ${res.status} ${JSON.stringify(body)}`);
    if (body.import.phase === "done" || body.import.phase === "failed") return body.import;
    if (Date.now() > end) throw new Error(`import ${importId} still ${body.import.phase}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Upload, then wait for the import: the response the old synchronous route gave. */
export async function uploadAndWait(fields: Record<string, string>, file?: { name: string; text: string }) {
  const res = await POST(uploadRequest(fields, file));
  const body = await res.json();
  if (res.status !== 202) return { status: res.status, body };
  const run = await pollImport(body.importId);
  return { status: 202, body, run };
}
