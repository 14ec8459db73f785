/**
 * How long the editor waits before trying a failed save again: 2 s, doubling each time the
 * server or the network still fails, never more than 30 s. The count starts again after a save
 * succeeds, and a newer save (typing, the Save button, the connection coming back) cancels the
 * wait.
 */
export const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

/** The wait before retry number `failures` (1 after the first failure). */
export function retryDelay(failures: number): number {
  const doublings = Math.max(0, Math.min(failures - 1, 10));
  return Math.min(RETRY_FIRST_MS * 2 ** doublings, RETRY_MAX_MS);
}
