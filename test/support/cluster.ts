import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * Production-shaped processes for fault, several-instance and soak tests, all on loopback:
 * `next start` instances of the current build, a private PostgreSQL cluster that a test may
 * stop and restart without touching the machine's shared server, and nginx as a round-robin
 * proxy in front of several instances. Nothing here knows about a test framework.
 */

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
/** Debian's PostgreSQL binaries (the newest installed major), or PG_BIN. */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  const majors = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => /^\d+$/.test(v))
        .sort((x, y) => Number(y) - Number(x))
    : [];
  return path.join(base, majors[0] ?? "15", "bin");
}
const PG_BIN = pgBin();
const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-${prefix}-`));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------
// next start

export type AppOptions = {
  /** Shown in errors and logs. */
  name?: string;
  port?: number;
  /** Added to the environment; `undefined` removes a variable. */
  env: Record<string, string | undefined>;
};

export type AppServer = {
  name: string;
  port: number;
  baseURL: string;
  /** The `next start` process id while it runs. */
  pid(): number | undefined;
  /** Everything it printed (across restarts). */
  output(): string;
  /** True once the process has exited, by any cause. */
  exited(): boolean;
  /** Starts it again (same port, same environment) and waits until it answers. */
  start(): Promise<void>;
  /** kill -9: no shutdown handler runs. */
  crash(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
};

/**
 * Runs the production build with `npm start`'s server (scripts/serve.mjs) on its own port, as its own process (no npm,
 * no shell in between, so a signal reaches the server itself). Resolves once /login answers.
 */
export async function startApp(options: AppOptions): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const baseURL = `http://127.0.0.1:${port}`;
  const name = options.name ?? `app:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SITE_URL: baseURL,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
  delete env.NEXTAUTH_URL;
  delete env.DATABASE_URL;
  delete env.TRUST_PROXY;
  for (const [key, value] of Object.entries(options.env)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  let child: ChildProcess | null = null;
  let output = "";
  let exitWaiter: Promise<void> = Promise.resolve();

  const running = () => child !== null && child.exitCode === null && child.signalCode === null;

  async function start(): Promise<void> {
    if (running()) throw new Error(`${name} is already running`);
    const proc = spawn(
      process.execPath,
      // The production server (`npm start`): Next behind the page-cache hit path.
      [path.join(ROOT, "scripts/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"],
      { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    child = proc;
    exitWaiter = new Promise((resolve) => proc.once("exit", () => resolve()));
    const record = (chunk: Buffer) => {
      output += chunk;
      if (process.env.CLUSTER_LOG) fs.appendFileSync(process.env.CLUSTER_LOG, `[${name}] ${chunk}`);
    };
    proc.stdout?.on("data", record);
    proc.stderr?.on("data", record);
    try {
      await waitFor(
        name,
        async () => {
          if (proc.exitCode !== null || proc.signalCode !== null) {
            throw new Error(`${name} exited during start-up:\n${output.slice(-3000)}`);
          }
          const response = await fetch(`${baseURL}/login`, { signal: AbortSignal.timeout(5_000) });
          await response.arrayBuffer();
          return response.status < 500;
        },
        120_000,
      );
    } catch (error) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`${name} exited during start-up:\n${output.slice(-3000)}`);
      }
      throw error;
    }
  }

  const server: AppServer = {
    name,
    port,
    baseURL,
    pid: () => (running() ? child?.pid : undefined),
    output: () => output,
    exited: () => !running(),
    start,
    async crash() {
      if (!running()) return;
      child!.kill("SIGKILL");
      await exitWaiter;
    },
    async stop() {
      if (!running()) return;
      child!.kill("SIGTERM");
      await Promise.race([exitWaiter, sleep(10_000)]);
      if (running()) {
        child!.kill("SIGKILL");
        await exitWaiter;
      }
    },
  };
  await start();
  return server;
}

/** The environment of an instance on PostgreSQL: shared secret and upload directory. */
export function postgresAppEnv(options: {
  databaseUrl: string;
  authSecret: string;
  dataDir: string;
  uploadDir?: string;
  siteUrl?: string;
  extra?: Record<string, string | undefined>;
}): Record<string, string | undefined> {
  return {
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: options.authSecret,
    DATA_DIR: options.dataDir,
    UPLOAD_DIR: options.uploadDir,
    SITE_URL: options.siteUrl,
    ...options.extra,
  };
}

export const newSecret = () => crypto.randomBytes(32).toString("base64url");

// ---------------------------------------------------------------------------------------
// PostgreSQL

/** Creates a database on a server (e.g. the shared one in TEST_DATABASE_URL); returns its URL. */
export async function createDatabase(serverUrl: string, name?: string): Promise<string> {
  const { default: postgres } = await import("postgres");
  const dbName = name ?? `newsroom_c_${crypto.randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${dbName}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

export type PrivatePostgres = {
  port: number;
  /** postgres://postgres@127.0.0.1:port/<database> */
  url(database?: string): string;
  start(): Promise<void>;
  /** Fast shutdown: open connections are terminated, as in a real restart. */
  stop(): Promise<void>;
  /** Stops it and removes its files. */
  destroy(): Promise<void>;
};

/** Runs a PostgreSQL binary as the `postgres` user (initdb and postgres refuse root). */
function asPostgres(binary: string, args: string[]): void {
  const command = path.join(PG_BIN, binary);
  if (process.getuid?.() === 0) {
    execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
  } else {
    execFileSync(command, args, { stdio: "pipe" });
  }
}

/**
 * A PostgreSQL cluster of the test's own in a temporary directory on a free port, so that a
 * test can stop and restart "the database server" without disturbing anything else.
 */
export async function startPrivatePostgres(
  options: { port?: number } = {},
): Promise<PrivatePostgres> {
  const port = options.port ?? (await freePort());
  const dir = tempDir("pg");
  const data = path.join(dir, "data");
  if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", dir]);
  asPostgres("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=60",
    "-c shared_buffers=32MB",
  ].join(" ");
  const cluster: PrivatePostgres = {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      asPostgres("pg_ctl", [
        "-D",
        data,
        "-l",
        path.join(dir, "log"),
        "-o",
        settings,
        "-w",
        "start",
      ]);
    },
    async stop() {
      asPostgres("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
    },
    async destroy() {
      try {
        asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

// ---------------------------------------------------------------------------------------
// nginx

export type RoundRobinProxy = { port: number; baseURL: string; stop(): Promise<void> };

/**
 * nginx on a free port, round-robin over the given instances, with its own prefix directory
 * (config, pid, logs, temp files) so it never touches the system's nginx. It sets the
 * X-Forwarded-* headers a real front would; instances behind it run with TRUST_PROXY=1.
 */
export async function startProxy(
  upstreams: number[],
  options: { port?: number } = {},
): Promise<RoundRobinProxy> {
  const port = options.port ?? (await freePort());
  const dir = tempDir("nginx");
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 20m;
  upstream newsroom {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join("\n")}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://newsroom;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_next_upstream off;
    }
  }
}
`,
  );
  const child = spawn(NGINX, ["-p", dir, "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseURL = `http://127.0.0.1:${port}`;
  await waitFor(
    "nginx",
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${output}`);
      return new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
    },
    10_000,
  );
  return {
    port,
    baseURL,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGQUIT");
        await Promise.race([exited, sleep(5_000)]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
