import fs from "node:fs";
import path from "node:path";

export type Front = { url: string; stop(): Promise<void> };
type EdgeModule = {
  startEdge(options: { edgePort: number; appPort: number }): Promise<Front>;
};

const fronts = new Set<Front>();

/**
 * The cache front of `npm run start:edge` (scripts/edge.mjs: Varnish from Debian) on
 * `edgePort`, proxying to the app on `appPort`. Started before the app, which is told to
 * purge it (EDGE_PURGE_URL). Null while this checkout has no cache front: the bench then
 * prints "not available yet" for its rows.
 */
export async function startFront(edgePort: number, appPort: number): Promise<Front | null> {
  const script = path.join(process.cwd(), "scripts", "edge.mjs");
  if (!fs.existsSync(script)) return null;
  const edge = (await import(script)) as Partial<EdgeModule>;
  if (typeof edge.startEdge !== "function") return null;
  const front = await edge.startEdge({ edgePort, appPort });
  fronts.add(front);
  return front;
}

export async function stopFronts(): Promise<void> {
  for (const front of fronts) await front.stop();
  fronts.clear();
}
