/**
 * Runs once when the server starts: open the database and apply migrations before the
 * first request, and close it cleanly on shutdown so the embedded database's lock is freed.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./server/startup");
  await startServer();
}
