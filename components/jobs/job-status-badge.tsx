import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONE: Record<string, BadgeTone> = { queued: "slate", running: "blue", paused: "amber", done: "green", failed: "red", cancelled: "slate" };

export function JobStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONE[status] ?? "slate"}>{status}</Badge>;
}
