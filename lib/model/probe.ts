import { z } from "zod";
import { deadline } from "./deadline";

// "Test connection": GET <base>/models and report what a maintainer needs (HTTP status, latency,
// the served model ids), never the response body: the test must not become a way to read any URL
// through the server (issue 11 §2). Redirects are not followed (the key stays with the URL it was
// sent to) and the body read is capped and bounded by the same deadline as the headers.

export type Probe =
  | { reached: true; status: number; latencyMs: number; models: string[] | null }
  | { reached: false; latencyMs: number; reason: string };

const MAX_BODY_BYTES = 2 << 20;
const MAX_MODELS = 500;
const ModelList = z.object({ data: z.array(z.object({ id: z.string().min(1).max(300) })) });

export async function probeModels(baseUrl: string, apiKey: string | null, timeoutMs = 8_000): Promise<Probe> {
  const url = `${baseUrl}/models`;
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  const d = deadline(timeoutMs);
  try {
    const res = await fetch(url, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      redirect: "manual",
      signal: d.signal,
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return { reached: true, status: res.status, latencyMs: ms(), models: null };
    }
    const text = await readCapped(res);
    const latencyMs = ms();
    return { reached: true, status: res.status, latencyMs, models: text === null ? null : modelIds(text) };
  } catch (e) {
    if (d.expired()) return { reached: false, latencyMs: ms(), reason: `timed out after ${timeoutMs} ms` };
    const cause = (e as { cause?: { code?: string } }).cause;
    return { reached: false, latencyMs: ms(), reason: `unreachable (${cause?.code ?? "connection failed"})` };
  } finally {
    d.done();
  }
}

async function readCapped(res: Response): Promise<string | null> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function modelIds(text: string): string[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const r = ModelList.safeParse(json);
  return r.success ? r.data.data.slice(0, MAX_MODELS).map((m) => m.id) : null;
}

/** One line for the settings page, and whether the endpoint is usable as configured. */
export function connectionVerdict(
  baseUrl: string,
  p: Probe,
  name: string | null,
): { connected: boolean; text: string } {
  if (!p.reached) return { connected: false, text: `Not connected: ${baseUrl} ${p.reason}.` };
  const head = `${baseUrl}/models answered HTTP ${p.status} in ${p.latencyMs} ms`;
  if (p.status >= 300 && p.status < 400)
    return { connected: false, text: `Not connected: ${head} (a redirect; not followed).` };
  if (p.status === 401 || p.status === 403)
    return { connected: false, text: `Not connected: ${head} (check the API key).` };
  if (p.status >= 300) return { connected: false, text: `Not connected: ${head}.` };
  if (!p.models) return { connected: false, text: `Not connected: ${head}, but not with an OpenAI model list.` };
  const n = `${p.models.length} model(s)`;
  if (!name)
    return {
      connected: false,
      text: `Not connected yet: ${head} with ${n}, and no model name is set. Pick one of: ${p.models.join(", ")}.`,
    };
  if (!p.models.includes(name)) {
    return {
      connected: false,
      text: `Not connected: ${head} with ${n}, but "${name}" is not among them. Served: ${p.models.join(", ") || "none"}.`,
    };
  }
  return { connected: true, text: `Connected: ${head} with ${n}, including "${name}".` };
}
