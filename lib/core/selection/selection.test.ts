import { describe, expect, it } from "vitest";
import { pageState, parseSelection, selectRange, setMany, toggleId } from "./selection";

const page = ["a", "b", "c", "d", "e"];

describe("row selection", () => {
  it("toggles one id without duplicates and keeps other pages' ids", () => {
    expect(toggleId(["x"], "a")).toEqual(["x", "a"]);
    expect(toggleId(["x", "a"], "a")).toEqual(["x"]);
    expect(toggleId(["a"], "a", true)).toEqual(["a"]);
    expect(toggleId([], "a", false)).toEqual([]);
  });

  it("shift-click sets the range between anchor and id, in either direction", () => {
    expect(selectRange(["x"], page, "b", "d", true)).toEqual(["x", "b", "c", "d"]);
    expect(selectRange(["x"], page, "d", "b", true)).toEqual(["x", "b", "c", "d"]);
    expect(selectRange(["a", "b", "c", "d", "e"], page, "b", "d", false)).toEqual(["a", "e"]);
    // no anchor on this page (first click, or the anchor was on another page): just the one row
    expect(selectRange([], page, "zz", "c", true)).toEqual(["c"]);
    expect(selectRange([], page, null, "c", true)).toEqual(["c"]);
    expect(selectRange(["a"], page, "a", "nope", true)).toEqual(["a"]);
  });

  it("selects and clears a whole page; header state", () => {
    expect(setMany(["x", "b"], page, true)).toEqual(["x", ...page]);
    expect(setMany(["x", ...page], page, false)).toEqual(["x"]);
    expect(pageState(["x"], page)).toBe("none");
    expect(pageState(["x", "c"], page)).toBe("some");
    expect(pageState(page, page)).toBe("all");
  });

  it("reads a stored selection defensively", () => {
    expect(parseSelection(null)).toEqual([]);
    expect(parseSelection("not json")).toEqual([]);
    expect(parseSelection('{"a":1}')).toEqual([]);
    expect(parseSelection('["a", 3, "", "a", "b"]')).toEqual(["a", "b"]);
    expect(parseSelection('["a","b","c"]', 2)).toEqual(["a", "b"]);
  });
});
