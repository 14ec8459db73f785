import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { dbKind } from "../support/setup-db";

/**
 * THREATS.md row 42, issue 6 Security 5: a process that signs in with a password, fails one,
 * issues and tries reset links, changes a password, and logs requests, errors and a real
 * driver failure carrying credentials writes none of those secrets to its log. The child
 * (test/support/log-probe.ts) logs through server/log.ts at trace level; all of its output
 * is captured and searched for each secret.
 */
const secret = (label: string) => `${label}-${crypto.randomBytes(12).toString("hex")}`;

describe("log redaction", () => {
  it("no password, cookie, token, hash or database credential reaches the log", async () => {
    const secrets = {
      password: secret("Pw"),
      newPassword: secret("NewPw"),
      cookie: secret("cookie"),
      bearer: secret("bearer"),
      resetToken: secret("reset"),
      authSecret: secret("auth-secret"),
      dbPassword: secret("dbpass"),
      unreachablePassword: secret("dbpass2"),
      ownerPassword: secret("ownerpass"),
    };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LOG_LEVEL: "trace",
      AUTH_SECRET: secrets.authSecret,
      PROBE_PASSWORD: secrets.password,
      PROBE_NEW_PASSWORD: secrets.newPassword,
      PROBE_COOKIE: secrets.cookie,
      PROBE_BEARER: secrets.bearer,
      PROBE_RESET_TOKEN: secrets.resetToken,
      PROBE_UNREACHABLE_URL: `postgres://app:${secrets.unreachablePassword}@127.0.0.1:1/none`,
    };
    delete env.NEXTAUTH_SECRET;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-log-probe-"));
    let dropName: string | null = null;
    if (dbKind === "postgres") {
      // The server trusts local connections, so any password gets in: a known one to look for.
      dropName = `newsroom_log_${crypto.randomBytes(5).toString("hex")}`;
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${dropName}`);
      await admin.end();
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.password = secrets.dbPassword;
      url.pathname = `/${dropName}`;
      env.DATABASE_URL = url.toString();
      url.password = secrets.ownerPassword;
      env.DATABASE_OWNER_URL = url.toString();
    } else {
      delete env.DATABASE_URL;
      env.DATA_DIR = dataDir;
    }
    try {
      const run = spawnSync(
        process.execPath,
        [
          path.resolve("node_modules/tsx/dist/cli.mjs"),
          "--conditions=react-server",
          "test/support/log-probe.ts",
        ],
        { env, encoding: "utf8", timeout: 120_000 },
      );
      const output = `${run.stdout}\n${run.stderr}`;
      expect(run.status, output).toBe(0);
      // The probe really logged what it was meant to.
      for (const line of ["probe: reset link issued", "probe: request", "probe: error text"]) {
        expect(output).toContain(line);
      }
      expect(output).toContain("probe: database unreachable");
      expect(output).toContain("[redacted]");
      const leaked = Object.entries(secrets).filter(([, value]) => output.includes(value));
      expect(leaked.map(([name]) => name)).toEqual([]);
      expect(output).not.toContain("aGFzaA");
      expect(output).not.toMatch(/\$argon2/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dropName) {
        const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists ${dropName} with (force)`);
        await admin.end();
      }
    }
  });
});
