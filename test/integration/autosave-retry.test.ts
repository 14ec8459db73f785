import { describe, expect, it } from "vitest";
import { RETRY_FIRST_MS, RETRY_MAX_MS, retryDelay } from "@/components/editor/retry-backoff";

/**
 * THREATS row 34, "retry with backoff": the waits between the editor's own attempts to save
 * while the server or the network is down (the retrying itself: e2e/local-copies.spec.ts).
 */
describe("the editor's save retry schedule", () => {
  it("waits 2 s after the first failure, doubles each time, and never more than 30 s", () => {
    const waits = Array.from({ length: 8 }, (_, i) => retryDelay(i + 1));
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    expect(RETRY_FIRST_MS).toBe(2_000);
    expect(RETRY_MAX_MS).toBe(30_000);
  });

  it("stays at the ceiling however long the outage lasts, and is never below the first wait", () => {
    for (const n of [0, 1, 50, 1_000, Number.MAX_SAFE_INTEGER]) {
      const wait = retryDelay(n);
      expect(wait).toBeGreaterThanOrEqual(RETRY_FIRST_MS);
      expect(wait).toBeLessThanOrEqual(RETRY_MAX_MS);
    }
  });
});
