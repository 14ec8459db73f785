import "server-only";
import pino from "pino";

/**
 * Structured logs. Credentials, cookies, tokens and connection strings are redacted by
 * path wherever they appear, so a careless `log.info({ req })` cannot leak them.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: {
    paths: [
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "cookie",
      "*.cookie",
      "headers.cookie",
      "*.headers.cookie",
      "authorization",
      "*.authorization",
      "databaseUrl",
      "*.databaseUrl",
      "DATABASE_URL",
      "AUTH_SECRET",
    ],
    censor: "[redacted]",
  },
});
