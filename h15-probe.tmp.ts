import { listTraces, countByStatus, listGenerators } from "@/lib/data/trace-list";
import { firstErrorAgreement } from "@/lib/propose/queries";
import { prisma } from "@/lib/db";
const ds = (await prisma.dataset.findFirst({ where: { name: "bench-analysis" } }))!.id;
const time = async (label: string, fn: () => Promise<unknown>) => {
  const xs: number[] = [];
  let r: unknown;
  for (let i = 0; i < 3; i++) { const t = performance.now(); r = await fn(); xs.push(performance.now() - t); }
  console.log(label.padEnd(40), xs.map((x) => Math.round(x)).join(" "), "ms", typeof r === "object" && r && "total" in r ? (r as { total: number }).total : "");
};
const which = process.argv[2] ?? "all";
if (which === "agree") await time("firstErrorAgreement", () => firstErrorAgreement({ datasetId: ds }));
if (which === "all" || which === "page") {
  await time("listTraces {}", () => listTraces(ds, {}));
  await time("countByStatus {}", () => countByStatus(ds, {}));
  await time("listGenerators", () => listGenerators(ds));
  await time("firstErrorAgreement", () => firstErrorAgreement({ datasetId: ds }));
  await time("listTraces status=todo", () => listTraces(ds, { status: "todo" }));
  await time("listTraces gen", () => listTraces(ds, { generator: "Qwen3-4B-InT" }));
  await time("listTraces labelled=no", () => listTraces(ds, { labelled: "no" }));
  await time("listTraces intervention=yes", () => listTraces(ds, { intervention: "yes" }));
  await time("listTraces imported=error", () => listTraces(ds, { imported: "error" }));
  await time("listTraces answer=wrong", () => listTraces(ds, { answer: "wrong" }));
  await time("listTraces gen+status+iv+lab", () => listTraces(ds, { generator: "Qwen3-4B-InT", status: "todo", intervention: "no", labelled: "no" }));
}
if (which === "all" || which === "q") {
  for (const q of ["zzzq", "x^2 + 5x", "\\sqrt{17}", "Problem 123:", "hence we note", "frac{", "$5", "it costs $5"]) await time(`q ${q}`, () => listTraces(ds, { q }));
}
