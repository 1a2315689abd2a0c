import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Outcome } from "@/lib/core/job-outcome";

const TONE: Record<Outcome, BadgeTone> = {
  parsed: "green",
  "no error": "green",
  "held back": "amber",
  "parse failure": "red",
  "all correct": "green",
  "some correct": "blue",
  "none correct": "red",
  scored: "green",
  done: "slate",
  skipped: "slate",
  failed: "red",
  running: "blue",
  pending: "slate",
};

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <Badge tone={TONE[outcome]}>{outcome}</Badge>;
}
