import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, startNextServer } from "./support/next-server";

/**
 * `npm start` (scripts/serve.mjs, the server of this suite) is `next start` with the page-cache
 * hit path in front: every request the hit path leaves alone must be answered exactly as
 * plain `next start` answers it, errors and refusals included, and must leave the connection
 * as `next start` leaves it (open for the next request, not destroyed). Here plain
 * `next start` runs the same build on a fresh newsroom of its own, and each request goes to
 * both; each is followed by a second request on the same keep-alive connection.
 */

let ours = "";
let plain = "";
let stopPlain: () => Promise<void> = async () => {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ours = test.info().project.use.baseURL ?? "http://127.0.0.1:3100";
  const port = await freePort();
  plain = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-e2e-next-start-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    SITE_URL: plain,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  ({ stop: stopPlain } = await startNextServer({
    server: "next start",
    port,
    env,
    readyURL: `${plain}/login`,
    cleanUp: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  }));
});

test.afterAll(async () => {
  await stopPlain();
});

/** A server action of the build, by name, with a page that has it. */
function builtAction(name: string): { id: string; page: string } {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName: string; workers: Record<string, unknown> }> };
  const [id, entry] = Object.entries(manifest.node).find(([, e]) => e.exportedName === name) ?? [];
  if (!id || !entry) throw new Error(`no server action ${name} in the build`);
  const worker = Object.keys(entry.workers)[0] ?? "";
  const page = worker
    .replace(/^app/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\/page$/, "")
    .replace("[token]", "not-a-token");
  return { id, page };
}

type Answer = {
  status: number;
  type: string;
  body: string;
  /** Whether the next request went out on this request's connection. */
  connectionKept: boolean;
};

/** Sends the request, then HEAD /login on the same keep-alive connection. */
async function ask(
  base: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body = "",
): Promise<Answer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = new URL(base);
  const send = (m: string, t: string, h: Record<string, string>, b: string) =>
    new Promise<{ res: http.IncomingMessage; text: string; reused: boolean }>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port, method: m, path: t, headers: h, agent },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => resolve({ res, text, reused: req.reusedSocket }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(b);
    });
  try {
    const first = await send(method, target, headers, body);
    const second = await send("HEAD", "/login", {}, "");
    return {
      status: first.res.statusCode ?? 0,
      type: String(first.res.headers["content-type"] ?? ""),
      body: first.text,
      connectionKept: second.reused,
    };
  } finally {
    agent.destroy();
  }
}

test("requests the hit path leaves to Next are answered as plain `next start` answers them", async () => {
  const reset = builtAction("resetPassword");
  const actionHeaders = (base: string, origin = base) => ({
    "next-action": reset.id,
    accept: "text/x-component",
    "content-type": "text/plain;charset=UTF-8",
    origin,
  });
  const cases: {
    label: string;
    method: string;
    target: string;
    headers?: (base: string) => Record<string, string>;
    body?: string;
    /** Bodies that carry the server's own address or per-render values are not compared. */
    sameBody: boolean;
  }[] = [
    {
      // Next refuses the action before it runs: a 500 with an error row, on an open connection.
      label: "a server action from a foreign Origin",
      method: "POST",
      target: reset.page,
      headers: (base) => actionHeaders(base, "http://evil.example"),
      body: JSON.stringify(["not-a-token", "x"]),
      sameBody: true,
    },
    {
      label: "an unknown server action",
      method: "POST",
      target: "/",
      headers: (base) => ({ ...actionHeaders(base), "next-action": "00ff" }),
      body: "[]",
      sameBody: true,
    },
    {
      // Next's request handler fails on it: its catch-all answer.
      label: "a target that does not decode",
      method: "GET",
      target: "/%E0%A4%A",
      sameBody: true,
    },
    { label: "a missing asset", method: "GET", target: "/_next/static/nope.js", sameBody: true },
    {
      label: "a page that does not exist",
      method: "GET",
      target: "/no/such/page",
      sameBody: false,
    },
    { label: "a method a route does not take", method: "DELETE", target: "/", sameBody: true },
  ];
  for (const c of cases) {
    const send = (base: string) =>
      ask(base, c.method, c.target, c.headers?.(base) ?? {}, c.body ?? "");
    const a = await send(ours);
    const b = await send(plain);
    expect(a.status, `${c.label}: status`).toBe(b.status);
    expect(a.type, `${c.label}: content type`).toBe(b.type);
    if (c.sameBody) expect(a.body, `${c.label}: body`).toBe(b.body);
    expect(b.connectionKept, `${c.label}: next start keeps the connection`).toBe(true);
    expect(a.connectionKept, `${c.label}: npm start keeps the connection`).toBe(true);
  }
  // The refusal itself, so that two servers failing alike do not pass.
  const refused = await ask(
    ours,
    "POST",
    reset.page,
    actionHeaders(ours, "http://evil.example"),
    "[]",
  );
  expect(refused.status).toBe(500);
  expect(refused.body).toMatch(/^1:E\{"digest":"\d+"\}$/m);
});

test("a client that goes away mid-request leaves both servers answering", async () => {
  for (const base of [ours, plain]) {
    const { port } = new URL(base);
    // Headers and part of a body, then the connection is dropped.
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => {
        socket.write(
          "POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\nname=",
          () => {
            socket.destroy();
            resolve();
          },
        );
      });
      socket.on("error", reject);
    });
    const after = await ask(base, "GET", "/");
    expect(after.status, base).toBe(200);
    expect(after.connectionKept, base).toBe(true);
  }
});
