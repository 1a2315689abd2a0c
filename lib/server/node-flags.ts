// Relative, not "@/lib/env": playwright.config.ts imports this file too.
import { env } from "../env";

// V8 flags of the dashboard's server process (`npm start`, the benchmarks and the e2e server use
// the same). Rendering a long trace allocates ~150 MB of short-lived objects (KaTeX trees, HTML
// strings); with V8's default 16 MB young generation most of it is scavenged while still alive
// and copied, which measured 20-25% of the server's CPU on the 400-step trace page. 32 MB lets it
// die young (bench/trace-page.ts; larger values measured no better).
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/** NODE_OPTIONS for a child `next start`: the caller's options plus ours. */
export function serverNodeOptions(current = env().NODE_OPTIONS ?? ""): string {
  return [current.trim(), ...SERVER_NODE_FLAGS.filter((f) => !current.includes(f.split("=")[0]))]
    .filter(Boolean)
    .join(" ");
}
