import { createReadStream } from "node:fs";

/** Lines of a UTF-8 text file, read in 1 MB chunks (a bare reader for the baselines). */
export async function* lines(path: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const parts = (rest + (chunk as string)).split("\n");
    rest = parts.pop() ?? "";
    for (const l of parts) if (l) yield l;
  }
  if (rest) yield rest;
}
