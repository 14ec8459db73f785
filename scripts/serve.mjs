// The production server: `next start` itself, with one step in front of its request handler.
//
//   node scripts/serve.mjs [-p PORT] [-H HOST] [--keepAliveTimeout MS]
//        (npm start; the options and defaults of `next start`: $PORT or 3000, all interfaces)
//
// Every request is first offered to the page cache (server/cache/hits.ts): a public page this
// instance already holds is written to the socket at once, with exactly the headers Next would
// have sent; everything else (misses, staff pages, assets, server actions) goes to the request
// listener of `next start`, untouched. Why: through Next's route-handler machinery a cache hit
// costs about 2 ms of CPU, which capped an instance at a few hundred cached pages a second and,
// with 50 readers at once, kept its event loop so busy that new connections waited seconds to
// be accepted (README, "Caching").
//
// Nothing of `next start` is re-implemented here: this runs the very function the CLI runs
// (next/dist/cli/next-start.js → server/lib/start-server.js), so the listening socket, the
// order of listen and set-up, the handling of a request that fails (a 500 "Internal Server
// Error", never a destroyed socket), upgrades, keep-alive, the environment Next sets for
// itself (PORT, __NEXT_PRIVATE_ORIGIN) and the SIGTERM/SIGINT shutdown are Next's own. The one
// addition: start-server creates its HTTP server with `http.createServer(requestListener)`;
// for that single call, made synchronously inside nextStart(), the listener is wrapped so that
// a cache hit is answered first. Should a Next upgrade create its server differently, this
// refuses to start rather than run without the hit path (or with it in the wrong place).
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`serve.mjs: ${message}`);
  process.exit(2);
}

/** `next start`'s options that this server takes, parsed as the CLI parses them. */
function parseArgs(argv) {
  const positive = (flag, text) => {
    const n = Number(text);
    if (text === undefined || text === "" || !Number.isInteger(n) || n < 0) {
      fail(`${flag} takes a non-negative integer, not ${text}`);
    }
    return n;
  };
  const options = {
    port: process.env.PORT ? positive("PORT", process.env.PORT) : 3000,
    hostname: undefined,
    keepAliveTimeout: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "-p" || flag === "--port") options.port = positive(flag, value());
    else if (flag === "-H" || flag === "--hostname") options.hostname = value();
    else if (flag === "--keepAliveTimeout") {
      options.keepAliveTimeout = positive(flag, value());
    } else fail(`unknown argument ${arg} (use -p PORT, -H HOST, --keepAliveTimeout MS)`);
  }
  if (options.port > 65535) fail(`not a port: ${options.port}`);
  return options;
}

const options = parseArgs(process.argv.slice(2));

// What the `next` CLI sets before running a command (next/dist/bin/next).
process.env.NEXT_PRIVATE_START_TIME ??= Date.now().toString();
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

/**
 * `next start`'s request listener with the page-cache hit path in front. The answerer is
 * installed by the app once its caches are up (server/startup.ts); until then, and for every
 * request it does not answer, `next start`'s listener runs exactly as it would alone.
 */
function withHitPath(nextListener) {
  return function answerHitFirst(req, res) {
    const answerHit = globalThis.__newsroomAnswerHit;
    if (answerHit) {
      try {
        if (answerHit(req, res)) return;
      } catch (error) {
        console.error(`page-cache hit failed for ${req.url}`, error);
        // A fixed-length response whose body cannot follow its headers cannot be completed:
        // only closing the connection tells the client. (answerFromPageCache writes the head
        // and the whole body in two synchronous calls, so this is not expected to happen.)
        if (res.headersSent) {
          res.destroy();
          return;
        }
        // Nothing was written: Next answers, as it would without the hit path.
      }
    }
    return nextListener.call(this, req, res);
  };
}

const { nextStart } = require("next/dist/cli/next-start.js");

const createServer = http.createServer;
let wrapped = 0;
http.createServer = function createServerWithHitPath(...args) {
  const at = args.findIndex((arg) => typeof arg === "function");
  if (at !== -1) {
    args[at] = withHitPath(args[at]);
    wrapped++;
  }
  return createServer.apply(this, args);
};
let started;
try {
  // Synchronous up to start-server's http.createServer (no --inspect, no CPU profile here).
  started = nextStart(
    {
      port: options.port,
      hostname: options.hostname,
      keepAliveTimeout: options.keepAliveTimeout,
    },
    root,
  );
} finally {
  http.createServer = createServer;
}
if (wrapped !== 1) {
  fail(
    `next start created ${wrapped} HTTP servers through http.createServer, not 1: ` +
      "this Next.js version starts differently, and the page-cache hit path has no place.",
  );
}
await started;
