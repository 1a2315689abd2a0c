import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// Benchmarks that measure memory run in a child process: its peak RSS (resourceUsage().maxRSS)
// is then its own, not the harness's. A child prints one line `RESULT {json}` at the end.

export function report(result: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function rssMb(): number {
  return process.memoryUsage.rss() / (1024 * 1024);
}

/** Runs bench/<script> with tsx in a child process and returns its RESULT. */
export function runChild<T>(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<T> {
  const file = fileURLToPath(new URL(`../${script}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeFlags, "--import", "tsx", file, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line)
        return reject(
          new Error(`${script} ${args.join(" ")} exited ${code}\n${err.slice(-3000)}\n${out.slice(-2000)}`),
        );
      resolve(JSON.parse(line.slice("RESULT ".length)) as T);
    });
  });
}

/** A long-lived child: send a line, get its next RESULT line back. */
export function startWorker(script: string, env: Record<string, string>) {
  const file = fileURLToPath(new URL(`../${script}`, import.meta.url));
  const p = spawn(process.execPath, ["--import", "tsx", file], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let buf = "";
  let err = "";
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  p.stderr.on("data", (d: Buffer) => (err += d.toString()));
  p.stdout.on("data", (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf("\n")) !== -1) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (!line.startsWith("RESULT ")) continue;
      const w = waiting.shift();
      if (w) w(line.slice(7));
      else ready.push(line.slice(7));
    }
  });
  return {
    ask<T>(line: string): Promise<T> {
      p.stdin.write(line + "\n");
      return new Promise<T>((resolve, reject) => {
        const early = ready.shift();
        if (early) return resolve(JSON.parse(early) as T);
        const onExit = () => reject(new Error(`${script} exited ${p.exitCode}: ${err.slice(-2000)}`));
        p.once("exit", onExit);
        waiting.push((l) => {
          p.off("exit", onExit);
          resolve(JSON.parse(l) as T);
        });
      });
    },
    stop(): void {
      p.stdin.end();
    },
  };
}
