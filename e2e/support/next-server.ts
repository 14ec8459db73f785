import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

/** A port nothing listens on now, for a server of a spec's own. */
export { freePort } from "../../test/support/cluster";

/**
 * The production build (`npm start`, scripts/serve.mjs) on a port of a spec's own, for the specs that need a
 * server of their own (a fresh newsroom, or a cache front in front of it). Resolves once
 * `readyURL` answers 200; `stop()` ends the server (SIGTERM, then SIGKILL after 10 s) and then
 * runs `cleanUp`. E2E_SERVER_LOG=/path keeps the server's log for debugging.
 * `server: "next start"` runs plain `next start` instead, to compare the two.
 */
export async function startNextServer(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  readyURL: string;
  cleanUp: () => Promise<void> | void;
  server?: "npm start" | "next start";
}): Promise<{ stop(): Promise<void> }> {
  const { port, env, readyURL, cleanUp } = options;
  const args = ["-p", String(port), "-H", "127.0.0.1"];
  const child: ChildProcess = spawn(
    process.execPath,
    options.server === "next start"
      ? [path.join(root, "node_modules/next/dist/bin/next"), "start", ...args]
      : // The production server (`npm start`): Next behind the page-cache hit path.
        [path.join(root, "scripts/serve.mjs"), ...args],
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
    await cleanUp();
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the server exited early:\n${output}`);
    }
    try {
      const response = await fetch(readyURL);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${readyURL} did not answer within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { stop };
}
