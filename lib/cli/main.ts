// `npm run int -- <command> ...`: each command is a module in ./commands exporting
// `run(argv: string[]): Promise<number>` (the exit code) and a one-line `summary`.
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { takeAsFlag } from "./cli-actor";

const here = dirname(fileURLToPath(import.meta.url));
const commandsDir = join(here, "commands");

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const file = name ? join(commandsDir, `${name}.ts`) : "";
  if (!name || name === "help" || name === "--help" || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(file)) {
    const names = readdirSync(commandsDir)
      .filter((f) => f.endsWith(".ts") && !f.includes(".test."))
      .map((f) => f.slice(0, -3))
      .sort();
    const lines = await Promise.all(
      names.map(async (n) => `  ${n.padEnd(16)} ${(await import(join(commandsDir, `${n}.ts`))).summary ?? ""}`),
    );
    const out = `usage: npm run int -- <command> [options] [--as NAME]\n\ncommands:\n${lines.join("\n")}\n\n--as NAME: who the change is recorded as in the audit trail (default: INT_USER, else the OS user name)\n`;
    if (name && name !== "help" && name !== "--help") {
      process.stderr.write(`unknown command: ${name}\n\n${out}`);
      return 2;
    }
    process.stdout.write(out);
    return 0;
  }
  const as = takeAsFlag(rest);
  if (!as.ok) {
    process.stderr.write(`${as.error}\n`);
    return 2;
  }
  const mod = await import(file);
  return mod.run(as.rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
