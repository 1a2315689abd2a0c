import Link from "next/link";
import { prisma } from "@/lib/db";

export const dynamic = "force-dynamic";

export default async function Home() {
  const datasets = await prisma.dataset.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } });
  return (
    <div className="space-y-3">
      <h1 className="text-xl font-semibold">Datasets</h1>
      {datasets.length === 0 ? <p>No datasets yet: import a JSONL file.</p> : (
        <ul>{datasets.map((d) => <li key={d.id}><Link href={`/datasets/${d.id}`}>{d.name}</Link></li>)}</ul>
      )}
    </div>
  );
}
