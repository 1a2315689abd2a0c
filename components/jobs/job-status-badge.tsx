import { Badge, type BadgeTone } from "@/components/ui/badge";
import { jobPhase } from "@/lib/core/job-phase";

const TONE: Record<string, BadgeTone> = {
  queued: "slate",
  running: "blue",
  pausing: "amber",
  paused: "amber",
  cancelling: "amber",
  done: "green",
  failed: "red",
  cancelled: "slate",
};

/** The job's state; with `running`, a stopped job whose items still finish reads "cancelling" / "pausing". */
export function JobStatusBadge({ status, running = 0 }: { status: string; running?: number }) {
  const phase = jobPhase(status, running);
  return <Badge tone={TONE[phase] ?? "slate"}>{phase}</Badge>;
}
