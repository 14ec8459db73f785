import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type AppOptions,
  type AppServer,
  startApp as startClusterApp,
} from "../../test/support/cluster";

export type { AppServer };

/** Processes the bench starts; each is stopped by its own pid when the bench ends. */
const started = new Set<ChildProcess>();
const apps = new Set<AppServer>();

/** An app instance of test/support/cluster.ts, stopped with the bench. */
export async function startApp(options: AppOptions): Promise<AppServer> {
  const app = await startClusterApp(options);
  apps.add(app);
  return app;
}

export function stopAll(): void {
  for (const app of apps) {
    const pid = app.pid();
    if (pid) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  apps.clear();
  for (const child of started) {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
  started.clear();
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
process.on("exit", stopAll);

export function benchDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
}

function stopChild(child: ChildProcess): Promise<void> {
  started.delete(child);
  if (child.exitCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(child.pid!, "SIGTERM");
  });
}

/** Resident memory of a process and its children, in MB (from /proc). */
export function rssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
    } catch {
      // exited
    }
  };
  visit(pid);
  return Math.round(kb / 1024);
}

/** CPU time (user + system, all threads) a process has used so far, in ms (from /proc). */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second here).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export type Nginx = { url: string; stop(): Promise<void> };

/**
 * Debian's nginx with a configuration written for this run (its own prefix, pid and temp
 * paths, so it needs nothing from /etc/nginx and stops with the bench).
 */
export async function startNginx(serverBlock: string, port: number, name: string): Promise<Nginx> {
  const dir = benchDir(`nginx-${name}`);
  for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"]) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  const conf = `
worker_processes auto;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${serverBlock}
}
`;
  const confPath = path.join(dir, "nginx.conf");
  fs.writeFileSync(confPath, conf);
  const check = spawnSync("/usr/sbin/nginx", ["-t", "-q", "-p", dir, "-c", confPath], {
    encoding: "utf8",
  });
  if (check.status !== 0) throw new Error(`nginx configuration refused: ${check.stderr}`);
  const child = spawn("/usr/sbin/nginx", ["-p", dir, "-c", confPath], { stdio: "ignore" });
  started.add(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode})`);
    const up = await fetch(`${url}/`).then(
      (r) => r.arrayBuffer().then(() => true),
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error("nginx did not answer within 10 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => stopChild(child) };
}
