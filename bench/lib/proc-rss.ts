// RSS of a process group from /proc (Linux): the `next start` server and the import process it
// forks share the group the bench started, so both are measured, each on its own.
import { readFileSync, readdirSync } from "node:fs";

export type GroupRss = { server: number; importChild: number; total: number };

function stat(pid: string): { pgid: number; rssPages: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = s.slice(s.lastIndexOf(")") + 2).split(" "); // fields from the 3rd on
    return { pgid: Number(f[2]), rssPages: Number(f[21]) };
  } catch {
    return null;
  }
}

const cmdline = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
};

/** MB; `npx` itself is left out (it only waits for the server). */
export function groupRss(pgid: number): GroupRss {
  const out = { server: 0, importChild: 0, total: 0 };
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const s = stat(pid);
    if (!s || s.pgid !== pgid) continue;
    const cmd = cmdline(pid);
    if (/\bnpx\b|npm exec/.test(cmd)) continue;
    const mb = (s.rssPages * 4096) / (1024 * 1024);
    if (cmd.includes("import-child")) out.importChild += mb;
    else out.server += mb;
    out.total += mb;
  }
  return out;
}

/** Samples every `ms` until stopped; returns the peaks. */
export function sampleGroupRss(pgid: number, ms = 100) {
  const peak = { server: 0, importChild: 0, total: 0 };
  const tick = () => {
    const r = groupRss(pgid);
    peak.server = Math.max(peak.server, r.server);
    peak.importChild = Math.max(peak.importChild, r.importChild);
    peak.total = Math.max(peak.total, r.total);
  };
  tick();
  const t = setInterval(tick, ms);
  return { stop: () => (clearInterval(t), tick(), { ...peak }) };
}
