import { describe, expect, it } from "vitest";
import { BOUND_TO_NOTHING, keyFor, normalizeBaseUrl, sameBaseUrl } from "./key-binding";

describe("key binding: a key goes only to the base URL it was saved for", () => {
  it("compares base URLs by scheme, host, port and path, not by spelling", () => {
    expect(sameBaseUrl("http://127.0.0.1:8000/v1", "HTTP://127.0.0.1:8000/v1/")).toBe(true);
    expect(sameBaseUrl("https://api.example.org:443/v1", "https://API.example.org/v1")).toBe(true);
    expect(sameBaseUrl("http://127.0.0.1:8000/v1", "http://127.0.0.1:8001/v1")).toBe(false);
    expect(sameBaseUrl("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000.evil.test/v1")).toBe(false);
    expect(sameBaseUrl("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1@evil.test")).toBe(false);
    expect(sameBaseUrl(null, null)).toBe(false);
    expect(normalizeBaseUrl("file:///etc/passwd")).toBeNull();
    expect(normalizeBaseUrl("not a url")).toBeNull();
  });
  it("a saved key follows its apiKeyUrl; an env key its env URL; legacy keys their saved URL", () => {
    const A = "http://a:8000/v1";
    const B = "http://b:8000/v1";
    expect(keyFor({ baseUrl: A, saved: { apiKey: "k", apiKeyUrl: A, baseUrl: A }, env: {} })).toEqual({
      apiKey: "k",
      boundTo: A,
    });
    expect(keyFor({ baseUrl: B, saved: { apiKey: "k", apiKeyUrl: A, baseUrl: B }, env: {} })).toEqual({
      apiKey: null,
      boundTo: A,
    });
    expect(keyFor({ baseUrl: B, saved: {}, env: { apiKey: "e", baseUrl: A } })).toEqual({ apiKey: null, boundTo: A });
    expect(keyFor({ baseUrl: A, saved: {}, env: { apiKey: "e", baseUrl: `${A}/` } })).toEqual({
      apiKey: "e",
      boundTo: A,
    });
    expect(keyFor({ baseUrl: A, saved: {}, env: { apiKey: "e" } })).toEqual({
      apiKey: null,
      boundTo: BOUND_TO_NOTHING,
    });
    expect(keyFor({ baseUrl: A, saved: { apiKey: "old", baseUrl: A }, env: {} })).toEqual({
      apiKey: "old",
      boundTo: A,
    });
    expect(
      keyFor({ baseUrl: A, saved: { apiKey: "k", apiKeyUrl: BOUND_TO_NOTHING }, env: { baseUrl: A } }).apiKey,
    ).toBeNull();
  });
});
