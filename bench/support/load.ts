import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { benchDir } from "./processes";

export type LoadResult = {
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx/3xx responses plus socket errors. */
  errors: number;
  seconds: number;
  /** Answers the app's own page cache gave (`x-page-cache: hit`), where counted. */
  pageCacheHits?: number;
};

function ms(value: string, unit: string): number {
  const n = Number(value);
  return unit === "us" ? n / 1000 : unit === "s" ? n * 1000 : unit === "m" ? n * 60_000 : n;
}

/** Debian's wrk: HTTP load from C, so the load generator is not the bottleneck. */
const WRK = "/usr/bin/wrk";

/**
 * Debian's wrk (2 threads, `connections` keep-alive connections) for `seconds`. With `paths`
 * each request takes the next path of the list (threads interleave, so no path is asked
 * twice until the list is used up).
 */
export function wrk(
  url: string,
  options: { connections: number; seconds: number; paths?: string[] },
): LoadResult {
  // A 10 s timeout: a slow answer is counted in the latency figures, not as an error.
  const args = [
    "-t2",
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    "--timeout",
    "10s",
    "--latency",
  ];
  if (options.paths) {
    const dir = benchDir("wrk");
    const list = path.join(dir, "paths.txt");
    fs.writeFileSync(list, `${options.paths.join("\n")}\n`);
    const script = path.join(dir, "rotate.lua");
    fs.writeFileSync(
      script,
      `
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
  thread:set("stride", 2)
end
function init(args)
  paths = {}
  for line in io.lines("${list}") do paths[#paths + 1] = line end
  n = offset
end
function request()
  local p = paths[(n % #paths) + 1]
  n = n + stride
  return wrk.format("GET", p)
end
`,
    );
    args.push("-s", script);
  }
  args.push(url);
  if (!fs.existsSync(WRK)) {
    throw new Error(`${WRK} is missing: the load benches need it (apt-get install -y wrk)`);
  }
  const run = spawnSync(WRK, args, {
    encoding: "utf8",
    timeout: (options.seconds + 30) * 1000,
  });
  if (run.status !== 0) throw new Error(`wrk failed: ${run.stderr || run.stdout}`);
  const out = run.stdout;
  const pct = (p: string) => {
    const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s|m)`, "m").exec(out);
    return m ? ms(m[1]!, m[2]!) : Number.NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    requests,
    rps: Math.round(rps),
    p50Ms: round2(pct("50")),
    p99Ms: round2(pct("99")),
    errors: non2xx + socketErrors,
    seconds: options.seconds,
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Requests at a fixed rate (wrk cannot): one every 1000/rate ms on keep-alive sockets, each
 * path of `paths` once. Latency counts from the moment a request was due, so a stalled
 * server is charged for the requests queued behind it (no coordinated omission).
 */
export async function fixedRate(
  base: string,
  paths: string[],
  rate: number,
  seconds: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.min(paths.length, Math.round(rate * seconds));
  const latencies: number[] = [];
  let errors = 0;
  let pageCacheHits = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      fetchHead(agent, `${base}${paths[i]}`).then(
        ({ status, pageCache }) => {
          latencies.push(performance.now() - due);
          if (status >= 400) errors++;
          if (pageCache === "hit") pageCacheHits++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    rps: Math.round(total / elapsed),
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    errors,
    seconds,
    pageCacheHits,
  };
}

/** A GET whose body is read and dropped: its status and the app's `x-page-cache` verdict. */
export function fetchHead(
  agent: http.Agent,
  url: string,
): Promise<{ status: number; pageCache: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          pageCache: res.headers["x-page-cache"] as string | undefined,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
  });
}

export function get(
  agent: http.Agent,
  url: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
  });
}
