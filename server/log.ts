import "server-only";
import pino from "pino";

/**
 * Structured logs. Credentials, cookies, tokens and connection strings are redacted by
 * path wherever they appear, so a careless `log.info({ req })` cannot leak them; and the
 * text of messages and errors is scrubbed of the same things by value, because a driver's
 * error message can quote a connection string or a failed query's parameters.
 */
const REDACTED = "[redacted]";

const SECRET_KEYS = [
  "password",
  "newPassword",
  "currentPassword",
  "passwordHash",
  "token",
  "resetToken",
  "csrfToken",
  "secret",
  "cookie",
  "set-cookie",
  "authorization",
  "databaseUrl",
  "databaseOwnerUrl",
  "authSecret",
  "DATABASE_URL",
  "DATABASE_OWNER_URL",
  "AUTH_SECRET",
  "NEXTAUTH_SECRET",
];

const PATTERNS: [RegExp, string][] = [
  // user:password@ in any URL (postgres://app:secret@db/newsroom).
  [/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]+@/gi, `$1${REDACTED}@`],
  [/(bearer\s+)[^\s,;"']+/gi, `$1${REDACTED}`],
  // Session and CSRF cookies as they appear in a Cookie or Set-Cookie header.
  [/((?:__Secure-|__Host-)?next-auth\.[\w.-]+=)[^;\s"']+/gi, `$1${REDACTED}`],
  [/\$argon2(id|i|d)\$[^\s"',]+/g, REDACTED],
  // Drizzle quotes a failed query's parameters in its message.
  [/(\bparams: )[^\n]*/g, `$1${REDACTED}`],
];

/** Exact values of this process's own secrets, wherever they turn up in text. */
function secretValues(): string[] {
  const values: string[] = [];
  for (const name of ["AUTH_SECRET", "NEXTAUTH_SECRET"]) {
    const value = process.env[name];
    if (value && value.length >= 8) values.push(value);
  }
  for (const name of ["DATABASE_URL", "DATABASE_OWNER_URL"]) {
    try {
      const url = process.env[name] ? new URL(process.env[name]) : null;
      const password = url?.password ? decodeURIComponent(url.password) : "";
      if (password.length >= 4) values.push(password, url!.password);
    } catch {
      // Not a URL: config validation reports it.
    }
  }
  return values;
}

export function scrub(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  for (const value of secretValues()) out = out.split(value).join(REDACTED);
  return out;
}

function scrubError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized)) {
    // postgres.js puts the failed statement's parameters on the error object.
    if (key === "parameters" || key === "params" || key === "query") continue;
    clean[key] = typeof value === "string" ? scrub(value) : value;
  }
  return clean;
}

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: {
    paths: SECRET_KEYS.flatMap((key) => {
      const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
      const dotted = k.startsWith("[") ? k : `.${k}`;
      return [k, `*${dotted}`, `*.*${dotted}`];
    }),
    censor: REDACTED,
  },
  serializers: { err: scrubError, error: scrubError },
  hooks: {
    logMethod(args, method) {
      method.apply(
        this,
        args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg)) as Parameters<
          typeof method
        >,
      );
    },
  },
});
