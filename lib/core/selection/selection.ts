// Row selection of a paged list (pure): toggle one id, select or clear a shift-click range on
// the current page, select or clear every id on the page. Selections are id arrays in the order
// they were picked, without duplicates; ids from other pages are kept untouched.

export function toggleId(selected: readonly string[], id: string, on = !selected.includes(id)): string[] {
  const rest = selected.filter((s) => s !== id);
  return on ? [...rest, id] : rest;
}

/** Sets every id of `page` between `anchor` and `id` (inclusive, either order) to `on`. */
export function selectRange(
  selected: readonly string[],
  page: readonly string[],
  anchor: string | null,
  id: string,
  on: boolean,
): string[] {
  const a = anchor === null ? -1 : page.indexOf(anchor);
  const b = page.indexOf(id);
  if (b < 0) return [...selected];
  if (a < 0) return toggleId(selected, id, on);
  const range = page.slice(Math.min(a, b), Math.max(a, b) + 1);
  return setMany(selected, range, on);
}

export function setMany(selected: readonly string[], ids: readonly string[], on: boolean): string[] {
  const drop = new Set(ids);
  const rest = selected.filter((s) => !drop.has(s));
  return on ? [...rest, ...new Set(ids)] : rest;
}

/** "all" | "some" | "none" of the page's ids are selected (the header checkbox state). */
export function pageState(selected: readonly string[], page: readonly string[]): "all" | "some" | "none" {
  const s = new Set(selected);
  const n = page.filter((id) => s.has(id)).length;
  return n === 0 ? "none" : n === page.length ? "all" : "some";
}

/** Parses a stored selection; anything that is not an array of strings is an empty selection. */
export function parseSelection(raw: string | null, max = 100_000): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v)
      ? [...new Set(v.filter((x): x is string => typeof x === "string" && x.length > 0 && x.length <= 64))].slice(
          0,
          max,
        )
      : [];
  } catch {
    return [];
  }
}
