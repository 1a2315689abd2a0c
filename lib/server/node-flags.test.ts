import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS, serverNodeOptions } from "./node-flags";

describe("serverNodeOptions", () => {
  it("adds our V8 flags to the caller's options", () => {
    expect(serverNodeOptions("")).toBe(SERVER_NODE_FLAGS.join(" "));
    expect(serverNodeOptions("--enable-source-maps")).toBe(["--enable-source-maps", ...SERVER_NODE_FLAGS].join(" "));
  });
  it("leaves a semi-space size the caller chose", () => {
    expect(serverNodeOptions("--max-semi-space-size=64")).toBe("--max-semi-space-size=64");
  });
});
