import { Badge, type BadgeTone } from "@/components/ui/badge";

const TRACE: Record<string, BadgeTone> = { todo: "slate", labelled: "amber", curated: "green" };
const INTERVENTION: Record<string, BadgeTone> = {
  proposed: "blue",
  accepted: "green",
  edited: "violet",
  rejected: "red",
};

export function TraceStatusBadge({ status }: { status: string }) {
  return <Badge tone={TRACE[status] ?? "slate"}>{status}</Badge>;
}

export function InterventionStatusBadge({ status, count }: { status: string; count?: number }) {
  return <Badge tone={INTERVENTION[status] ?? "slate"}>{count !== undefined ? `${count} ${status}` : status}</Badge>;
}
