import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(appPort),
      "-H",
      "127.0.0.1",
    ],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const record = (chunk: Buffer) => {
    output += chunk;
    if (process.env.E2E_SERVER_LOG) fs.appendFileSync(process.env.E2E_SERVER_LOG, chunk);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await edge.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`next start exited early:\n${output}`);
    }
    try {
      // Through the front: proves the whole chain answers.
      const response = await fetch(`${baseURL}/login`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer through the front within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseURL, appURL, stop };
}
