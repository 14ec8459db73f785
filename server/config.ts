import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/London");

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  /** The schema owner, for migrations; the app then runs as DATABASE_URL's role (db/app-role.ts). */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Where uploaded images go; several instances must share it. Default DATA_DIR/uploads. */
  UPLOAD_DIR: z.string().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SITE_NAME: z.string().min(1).max(100).default("The Ledger"),
  NEWSROOM_TIME_ZONE: timeZone.default("UTC"),
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Sign-in counters go here when set (every instance must share it); else the database. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  SIGNIN_IP_PER_DAY: z.coerce.number().int().min(1).max(1_000_000).default(100),
  SIGNIN_BLOCK_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(43_200).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** Cache fronts to ban changed pages at, comma-separated base URLs (Varnish, see edge/). */
  EDGE_PURGE_URL: z
    .string()
    .refine(
      (v) => v.split(",").every((u) => /^https?:\/\/[^\s/?#]+\/?$/.test(u.trim())),
      "must be comma-separated http(s)://host:port addresses",
    )
    .optional(),
  /** Sent with every ban; the front refuses bans without it when it was started with one. */
  EDGE_PURGE_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Memory for rendered public pages inside each instance; 0 turns the in-app cache off. */
  PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** PostgreSQL only: longest a statement may run before the server cancels it; 0 = no limit. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** PostgreSQL only: a connection idle inside an open transaction this long is closed; 0 = never. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(60_000),
});

export type Config = {
  databaseUrl: string | null;
  /** The schema owner's connection string, for migrations (DATABASE_OWNER_URL), if separate. */
  databaseOwnerUrl: string | null;
  dataDir: string;
  /** Absolute path of the shared upload directory (UPLOAD_DIR, else DATA_DIR/uploads). */
  uploadDir: string;
  authSecret: string;
  port: number;
  siteUrl: string;
  siteName: string;
  timeZone: string;
  trustProxy: boolean;
  logLevel: string;
  redisUrl: string | null;
  signIn: { maxFailures: number; ipPerDay: number; blockSeconds: number };
  session: { idleSeconds: number; maxSeconds: number };
  /** Base URLs of the cache fronts that are told to drop changed pages. */
  edgePurgeUrls: string[];
  edgePurgeToken: string | null;
  pageCacheBytes: number;
  /** PostgreSQL's statement_timeout and idle_in_transaction_session_timeout (ms; 0 = none). */
  databaseTimeouts: { statementMs: number; idleInTransactionMs: number };
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** An embedded install keeps its own secret so that sign-in works with no configuration. */
function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  const databaseUrl = e.DATABASE_URL ?? null;
  if (databaseUrl && !e.AUTH_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  AUTH_SECRET: required with DATABASE_URL (every instance must share it)",
    );
  }
  if (e.DATABASE_OWNER_URL && !databaseUrl) {
    throw new ConfigError(
      "Invalid configuration:\n  DATABASE_OWNER_URL: only with DATABASE_URL (the embedded database has no roles)",
    );
  }
  return {
    databaseUrl,
    databaseOwnerUrl: e.DATABASE_OWNER_URL ?? null,
    dataDir: e.DATA_DIR,
    uploadDir: path.resolve(
      /*turbopackIgnore: true*/ e.UPLOAD_DIR ?? path.join(e.DATA_DIR, "uploads"),
    ),
    authSecret: e.AUTH_SECRET ?? embeddedSecret(e.DATA_DIR),
    port: e.PORT,
    siteUrl: (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    siteName: e.SITE_NAME,
    timeZone: e.NEWSROOM_TIME_ZONE,
    trustProxy: e.TRUST_PROXY === "1" || e.TRUST_PROXY === "true",
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL ?? null,
    signIn: {
      maxFailures: e.SIGNIN_MAX_FAILURES,
      ipPerDay: e.SIGNIN_IP_PER_DAY,
      blockSeconds: e.SIGNIN_BLOCK_MINUTES * 60,
    },
    session: { idleSeconds: e.SESSION_IDLE_MINUTES * 60, maxSeconds: e.SESSION_MAX_HOURS * 3600 },
    edgePurgeUrls: (e.EDGE_PURGE_URL ?? "")
      .split(",")
      .map((u) => u.trim().replace(/\/+$/, ""))
      .filter(Boolean),
    edgePurgeToken: e.EDGE_PURGE_TOKEN ?? null,
    pageCacheBytes: e.PAGE_CACHE_MB * 1024 * 1024,
    databaseTimeouts: {
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  };
}

const store = globalThis as unknown as { __newsroomConfig?: Config };

export function config(): Config {
  if (!store.__newsroomConfig) {
    const cfg = parseConfig(process.env);
    // next-auth v4 reads these from the environment.
    process.env.NEXTAUTH_URL ??= cfg.siteUrl;
    process.env.NEXTAUTH_SECRET ??= cfg.authSecret;
    store.__newsroomConfig = cfg;
  }
  return store.__newsroomConfig;
}
