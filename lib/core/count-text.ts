// A count as the list shows it: a capped count (a text search stops counting at a cap, see
// lib/data/trace-list.ts COUNT_CAP) reads "1,000+", so nobody takes it for the exact number.
export const countText = (n: number, atLeast = false): string => `${n.toLocaleString("en")}${atLeast ? "+" : ""}`;
