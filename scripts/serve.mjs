// The production server: `next start`, with one step in front of Next's request handler.
//
//   node scripts/serve.mjs [-p PORT] [-H HOST]      (npm start; defaults: $PORT or 3000, all interfaces)
//
// Every request is first offered to the page cache (server/cache/hits.ts): a public page this
// instance already holds is written to the socket at once, with exactly the headers Next would
// have sent; everything else (misses, staff pages, assets, server actions) goes to Next's own
// handler, as with `next start`. Why: through Next's route-handler machinery a cache hit costs
// about 2 ms of CPU, which capped an instance at a few hundred cached pages a second and, with
// 50 readers at once, kept its event loop so busy that new connections waited seconds to be
// accepted (README, "Caching").
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  // Like `next start`: $PORT or 3000, and every interface unless -H says otherwise.
  const options = { port: Number(process.env.PORT || 3000), hostname: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "-p" || flag === "--port") options.port = Number(value());
    else if (flag === "-H" || flag === "--hostname") options.hostname = value();
    else {
      console.error(`serve.mjs: unknown argument ${arg} (use -p PORT, -H HOST)`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    console.error(`serve.mjs: not a port: ${options.port}`);
    process.exit(2);
  }
  return options;
}

const { port, hostname } = parseArgs(process.argv.slice(2));
// As `next start` does; Next reads it when it loads.
process.env.NODE_ENV ??= "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
process.title = `next-server (newsroom)`;

const { default: next } = await import("next");

let handle = null;
const server = http.createServer((req, res) => {
  // Installed by the app once its caches are listening (server/startup.ts).
  const answerHit = globalThis.__newsroomAnswerHit;
  try {
    if (answerHit?.(req, res)) return;
  } catch (error) {
    console.error("page-cache hit failed", error);
    // Before anything was written Next can still answer; after, the response is lost.
    if (res.headersSent) return res.destroy(error);
  }
  handle(req, res).catch((error) => {
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("Internal Server Error");
    } else {
      res.destroy(error);
    }
  });
});

const app = next({ dir: root, dev: false, hostname, port, httpServer: server });
// Loads the build and runs instrumentation.ts (database, migrations, caches) before listening.
await app.prepare();
handle = app.getRequestHandler();

server.on("error", (error) => {
  console.error(`Failed to start server: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  const address = server.address();
  const shown = hostname && hostname !== "0.0.0.0" ? hostname : "localhost";
  console.log(`▲ Next.js ready on http://${shown}:${address.port}`);
});

// Stop taking connections at once; server/startup.ts closes the database and exits. Should
// it not (the app failed to start), exit anyway once nothing is left or after a few seconds.
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    app.close().catch(() => {});
    setTimeout(() => process.exit(signal === "SIGTERM" ? 143 : 130), 5_000).unref();
  });
}
