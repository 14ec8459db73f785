import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startNextServer } from "./next-server";

/**
 * The production build behind the real cache front (Varnish, scripts/edge.mjs), on a fresh
 * embedded database: everything — readers, staff, sign-in — goes through the front, as in
 * production. Ports: EDGE_E2E_APP_PORT (3201) and EDGE_E2E_PORT (8180).
 */
export type EdgeStack = { baseURL: string; appURL: string; stop(): Promise<void> };

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

type Edge = { url: string; stop(): Promise<void> };
type EdgeModule = {
  startEdge(options: { edgePort: number; appPort: number; workDir?: string }): Promise<Edge>;
};

export async function startEdgeStack(): Promise<EdgeStack> {
  const appPort = Number(process.env.EDGE_E2E_APP_PORT ?? 3201);
  const edgePort = Number(process.env.EDGE_E2E_PORT ?? 8180);
  const baseURL = `http://127.0.0.1:${edgePort}`;
  const appURL = `http://127.0.0.1:${appPort}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-e2e-edge-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(appPort),
    SITE_URL: baseURL,
    EDGE_PURGE_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  delete env.TRUST_PROXY;
  delete env.EDGE_PURGE_TOKEN;
  const { startEdge } = (await import(path.join(root, "scripts/edge.mjs"))) as EdgeModule;
  const edge = await startEdge({ edgePort, appPort });
  const { stop } = await startNextServer({
    port: appPort,
    env,
    // Ready when the whole chain answers: through the front.
    readyURL: `${baseURL}/login`,
    cleanUp: async () => {
      await edge.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
  return { baseURL, appURL, stop };
}
