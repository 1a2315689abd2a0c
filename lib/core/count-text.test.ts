import { expect, test } from "vitest";
import { countText } from "@/lib/core/count-text";

test("a capped count reads 'at least', an exact one does not", () => {
  expect(countText(1000, true)).toBe("1,000+");
  expect(countText(0, true)).toBe("0+");
  expect(countText(48213)).toBe("48,213");
});
