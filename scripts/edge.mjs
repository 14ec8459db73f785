// The reader site's cache front: Varnish (Debian's varnishd) in front of the app.
//
//   npm run start:edge          the app (npm start) on PORT (default 3000) behind Varnish on EDGE_PORT (8080)
//
// Or from a script (bench/, e2e/):
//   import { startEdge } from "./scripts/edge.mjs";
//   const edge = await startEdge({ edgePort: 8180, appPort: 3200 });  // → { url, workDir, stop() }
//
// Varnish keeps its working files (compiled VCL, shared memory log) in a fresh temporary
// directory (under EDGE_WORK_DIR, else the system temp dir) that stop() removes;
// nothing goes to /etc or /var. As root it drops to Debian's `varnish` user; as anyone else
// it runs as that user.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VARNISHD = process.env.VARNISHD ?? "/usr/sbin/varnishd";

/** The VCL of edge/varnish.vcl with this run's backend, purge ACL and token filled in. */
export function renderVcl({
  appHost = "127.0.0.1",
  appPort = 3000,
  purgeFrom = ["127.0.0.1", "::1"],
  purgeToken = "",
} = {}) {
  if (!/^[A-Za-z0-9._-]*$/.test(purgeToken))
    throw new Error("EDGE_PURGE_TOKEN: letters, digits, . _ - only");
  const template = fs.readFileSync(path.join(root, "edge", "varnish.vcl"), "utf8");
  // "10.0.0.0/8" → "10.0.0.0"/8; an address alone as it is.
  const acl = purgeFrom
    .map((entry) => {
      const [address, bits] = entry.trim().split("/");
      if (
        !/^[0-9A-Fa-f.:]+$/.test(address ?? "") ||
        (bits !== undefined && !/^\d{1,3}$/.test(bits))
      ) {
        throw new Error(`EDGE_PURGE_FROM: not an address or network: ${entry}`);
      }
      return `  "${address}"${bits === undefined ? "" : `/${bits}`};`;
    })
    .join("\n");
  return template
    .replaceAll("{{APP_HOST}}", appHost)
    .replaceAll("{{APP_PORT}}", String(appPort))
    .replaceAll("{{PURGE_ACL}}", acl)
    .replaceAll("{{PURGE_TOKEN}}", purgeToken);
}

function listening(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/**
 * Starts varnishd on edgePort in front of appHost:appPort and resolves once it accepts
 * connections. stop() ends it and removes its working directory.
 */
export async function startEdge(options = {}) {
  const edgeHost = options.edgeHost ?? process.env.EDGE_HOST ?? "127.0.0.1";
  const edgePort = Number(options.edgePort ?? process.env.EDGE_PORT ?? 8080);
  const appPort = Number(options.appPort ?? process.env.PORT ?? 3000);
  const appHost = options.appHost ?? "127.0.0.1";
  const storage = options.storage ?? process.env.EDGE_STORAGE ?? "malloc,256m";
  const purgeToken = options.purgeToken ?? process.env.EDGE_PURGE_TOKEN ?? "";
  // Below, "varnishd is up" means "the port answers": were something else already there, it
  // would pass for the front (and varnishd, unable to bind, would exit a moment later).
  if (await listening(edgeHost, edgePort)) {
    throw new Error(
      `${edgeHost}:${edgePort} already answers: another process (an earlier cache front?) ` +
        "listens there. Stop it, or choose another EDGE_PORT.",
    );
  }
  // A temp directory by default: as root varnishd drops to the `varnish` user, which must be
  // able to reach its working files (a private DATA_DIR would not do).
  const parent = options.workDir ?? process.env.EDGE_WORK_DIR ?? os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(parent, "edge-"));
  // As root varnishd drops to its own user, which must be able to enter the directory.
  fs.chmodSync(workDir, 0o755);
  const vclFile = path.join(workDir, "site.vcl");
  fs.writeFileSync(
    vclFile,
    renderVcl({
      appHost,
      appPort,
      purgeToken,
      // App instances on other hosts: EDGE_PURGE_FROM=10.0.0.0/8,192.0.2.7
      purgeFrom:
        options.purgeFrom ??
        (process.env.EDGE_PURGE_FROM
          ? ["127.0.0.1", "::1", ...process.env.EDGE_PURGE_FROM.split(",")]
          : undefined),
    }),
  );
  fs.chmodSync(vclFile, 0o644);

  const args = [
    "-F", // foreground: this process owns it
    "-n",
    path.join(workDir, "varnish"),
    "-a",
    `${edgeHost}:${edgePort}`,
    "-f",
    vclFile,
    "-s",
    storage,
    "-T",
    "none",
    // Reader pages are small; keep the worker pool modest on a shared machine. (50 threads
    // a pool instead of 20 made no measurable difference at 50 connections.)
    "-p",
    "thread_pools=2",
    "-p",
    "thread_pool_min=20",
    "-p",
    "thread_pool_max=1000",
    // A page is kept as the app sent it for the normalised Accept-Encoding (gzip or plain;
    // edge/varnish.vcl): Varnish's own gzip handling would store only the gzipped copy and
    // gunzip it for every client that does not accept gzip.
    "-p",
    "http_gzip_support=off",
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(VARNISHD, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c) => {
    output += c;
  });
  child.stderr.on("data", (c) => {
    output += c;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`varnishd exited early:\n${output}`);
    }
    if (await listening(edgeHost, edgePort)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`varnishd did not listen on ${edgeHost}:${edgePort} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://${edgeHost}:${edgePort}`,
    purgeUrl: `http://${edgeHost}:${edgePort}`,
    workDir,
    process: child,
    stop,
  };
}

/** `npm run start:edge`: the built app on PORT behind the front on EDGE_PORT. */
async function main() {
  const edgePort = Number(process.env.EDGE_PORT ?? 8080);
  const appPort = Number(process.env.PORT ?? 3000);
  const env = { ...process.env, PORT: String(appPort), NEXT_TELEMETRY_DISABLED: "1" };
  // The app bans changed pages at this front, and readers reach the site through it.
  env.EDGE_PURGE_URL ??= `http://127.0.0.1:${edgePort}`;
  env.SITE_URL ??= `http://localhost:${edgePort}`;
  // Both ports are checked before anything starts, so that a taken one is named plainly
  // (startEdge checks its own again).
  for (const [port, name] of [
    [edgePort, "EDGE_PORT"],
    [appPort, "PORT"],
  ]) {
    if (await listening("127.0.0.1", port)) {
      console.error(
        `[edge] 127.0.0.1:${port} already answers: another process listens on ${name}. ` +
          `Stop it, or choose another ${name}.`,
      );
      process.exit(1);
    }
  }
  const check = spawnSync(VARNISHD, ["-V"], { encoding: "utf8" });
  if (check.status !== 0) {
    console.error(
      `[edge] ${VARNISHD} not found: install Debian's varnish package (apt-get install varnish).`,
    );
    process.exit(1);
  }
  // The production server (`npm start`): Next behind the page-cache hit path.
  const app = spawn(
    process.execPath,
    [path.join(root, "scripts/serve.mjs"), "-p", String(appPort)],
    {
      cwd: root,
      env,
      stdio: "inherit",
    },
  );
  let edge = null;
  const shutdown = async (code) => {
    await edge?.stop();
    if (app.exitCode === null && app.signalCode === null) app.kill("SIGTERM");
    process.exitCode = code;
  };
  app.on("exit", (code) => {
    void (edge?.stop() ?? Promise.resolve()).then(() => process.exit(code ?? 0));
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown(0));
  try {
    edge = await startEdge({ edgePort, appPort, purgeToken: env.EDGE_PURGE_TOKEN ?? "" });
  } catch (error) {
    console.error(`[edge] ${error.message}`);
    await shutdown(1);
    return;
  }
  console.log(
    `[edge] Varnish on ${edge.url} → app on http://127.0.0.1:${appPort} (working files in ${edge.workDir})`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
