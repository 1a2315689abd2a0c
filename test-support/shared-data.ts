import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

// The real public datasets live in ../shared/data beside the checkout (also in CI).
// Tests read them from there; they are never copied into the repository.
export const SHARED_DATA = resolve(process.cwd(), "..", "shared", "data");

export function sharedData(...parts: string[]): string {
  const p = join(SHARED_DATA, ...parts);
  if (!existsSync(p)) throw new Error(`missing shared data file ${p} (expected ../shared/data beside the checkout)`);
  return p;
}
