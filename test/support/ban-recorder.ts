import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server standing in for the cache front: it records every ban it is sent and
 * answers with `status` (switchable, to make the front fail), after `delayMs`.
 */
export type RecordedBan = { paths: string | null; keys: string | null; token: string | null };

export async function startBanRecorder() {
  const bans: RecordedBan[] = [];
  const control = { status: 200, delayMs: 0 };
  const server = http.createServer((request, response) => {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === "string" ? value : null;
    };
    request.resume();
    request.on("end", () => {
      setTimeout(() => {
        if (request.method === "PURGE" && control.status === 200) {
          bans.push({
            paths: header("x-ban-paths"),
            keys: header("x-ban-keys"),
            token: header("x-purge-token"),
          });
        }
        response.writeHead(request.method === "PURGE" ? control.status : 405);
        response.end();
      }, control.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bans,
    control,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `(?i)^(/a|/b[.]xml)([?#]|$)` → ["/a", "/b.xml"]: the paths a front ban names. */
export function bannedPaths(bans: readonly RecordedBan[]): string[] {
  return bans
    .flatMap((b) => {
      const m = b.paths ? /^\(\?i\)\^\((.*)\)\(\[\?#\]\|\$\)$/.exec(b.paths) : null;
      return m ? m[1]!.split("|") : [];
    })
    .map((p) => p.replace(/\[(.)\]/g, "$1"))
    .sort();
}

/** `(^|[[:space:]])(home|article:x)([[:space:]]|$)` → ["article:x", "home"]. */
export function bannedKeys(bans: readonly RecordedBan[]): string[] {
  return bans
    .flatMap((b) => {
      const m = b.keys
        ? /^\(\^\|\[\[:space:\]\]\)\((.*)\)\(\[\[:space:\]\]\|\$\)$/.exec(b.keys)
        : null;
      return m ? m[1]!.split("|") : [];
    })
    .map((k) => k.replace(/\[(.)\]/g, "$1"))
    .sort();
}
