import { createHash } from "node:crypto";

// Content hashes make imports idempotent. Length-prefixed so ("ab","c") != ("a","bc").
export function sha256(...parts: string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(String(p.length)).update(":").update(p);
  return h.digest("hex");
}
