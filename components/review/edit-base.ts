// What an edited intervention is compared with: the text it started as (Intervention.originalContent,
// kept by the first edit), named by where it came from.
export function baseLabel(origin: string): string {
  return origin === "model" ? "model proposal" : origin === "imported" ? "imported text" : "original";
}
