/**
 * Readers hammering the site over HTTP: each of `concurrency` loops fetches the given paths
 * in turn until stopped, recording when each request started, how it ended and how long it
 * took. A request that hangs past `timeoutMs` is recorded as status 0.
 */
export type ReaderSample = {
  path: string;
  start: number;
  ms: number;
  status: number;
  retryAfter: string | null;
  /** The in-app page cache's verdict (`x-page-cache: hit|miss`), when the app has one. */
  cache: string | null;
};

export type ReaderLoad = { samples: ReaderSample[]; stop(): Promise<void> };

export function startReaders(
  baseURL: string,
  paths: string[],
  options: { concurrency?: number; timeoutMs?: number; pauseMs?: number } = {},
): ReaderLoad {
  const samples: ReaderSample[] = [];
  let stopped = false;
  const loop = async (offset: number) => {
    for (let i = offset; !stopped; i++) {
      const path = paths[i % paths.length]!;
      const start = Date.now();
      let status = 0;
      let retryAfter: string | null = null;
      let cache: string | null = null;
      try {
        const response = await fetch(new URL(path, baseURL), {
          redirect: "manual",
          signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
        });
        await response.arrayBuffer();
        status = response.status;
        retryAfter = response.headers.get("retry-after");
        cache = response.headers.get("x-page-cache");
      } catch {
        status = 0;
      }
      samples.push({ path, start, ms: Date.now() - start, status, retryAfter, cache });
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const loops = Array.from({ length: options.concurrency ?? 4 }, (_, i) => loop(i));
  return {
    samples,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** The q-th quantile (0..1) of the durations, in ms. */
export function quantile(samples: ReaderSample[], q: number): number {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
