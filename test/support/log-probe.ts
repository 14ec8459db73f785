/**
 * Runs in a child process (see test/integration/log-redaction.test.ts) so that what pino
 * writes to stdout can be captured whole. It drives real code paths with the secrets the
 * parent passed in PROBE_* variables, then logs the way careless code would.
 */
import { openPostgres } from "@/db/client";
import { verifyCredentials } from "@/server/auth/verify-credentials";
import { db, openDatabase } from "@/server/db";
import { log } from "@/server/log";
import { changePassword } from "@/server/users/commands/change-password";
import { createPasswordReset } from "@/server/users/commands/create-password-reset";
import { resetPassword } from "@/server/users/commands/reset-password";
import { createUserRow } from "@/server/users/create-user-row";

const env = (name: string) => process.env[name] ?? "";
const password = env("PROBE_PASSWORD");
const newPassword = env("PROBE_NEW_PASSWORD");
const cookie = env("PROBE_COOKIE");
const bearer = env("PROBE_BEARER");
const resetToken = env("PROBE_RESET_TOKEN");

await openDatabase();
const database = await db();
const email = `probe-${Date.now()}@test.example`;
const admin = await createUserRow(database, {
  name: "Probe Admin",
  email,
  role: "admin",
  password,
});
const claims = { userId: admin.id, sessionVersion: 1 };

// Sign-in with the right and a wrong password, a reset link issued and a forged one tried,
// a password change.
await verifyCredentials(database, email, password);
await verifyCredentials(database, email, `${password}-wrong`);
const link = await createPasswordReset.execute(claims, { id: admin.id });
log.info({ ok: link.ok }, "probe: reset link issued");
await resetPassword.execute(null, { token: resetToken, password: newPassword });
await changePassword.execute(claims, { currentPassword: password, newPassword });

// What a careless log call or a framework hook would hand to the logger.
log.info(
  {
    req: {
      method: "POST",
      url: "/api/auth/callback/credentials",
      headers: {
        cookie: `next-auth.session-token=${cookie}; next-auth.csrf-token=${cookie}`,
        authorization: `Bearer ${bearer}`,
      },
    },
    body: { email, password, csrfToken: cookie },
    user: { email, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA" },
    config: {
      databaseUrl: env("DATABASE_URL"),
      databaseOwnerUrl: process.env.DATABASE_OWNER_URL,
      authSecret: env("AUTH_SECRET"),
    },
  },
  "probe: request",
);
log.warn(`probe: retrying ${env("DATABASE_URL")} with Bearer ${bearer}`);
log.warn(`probe: migrating as ${process.env.DATABASE_OWNER_URL ?? "the app's role"}`);
log.error(
  { err: new Error(`connect failed for ${env("DATABASE_URL")} (secret ${env("AUTH_SECRET")})`) },
  "probe: error text",
);

// A real driver error from a connection string that carries a password.
const unreachable = openPostgres(env("PROBE_UNREACHABLE_URL"), { max: 1 });
try {
  await unreachable.db.execute("select 1");
} catch (error) {
  log.error({ err: error }, "probe: database unreachable");
}
await unreachable.close().catch(() => {});
log.warn(`probe: gave up on ${env("PROBE_UNREACHABLE_URL")}`);
log.info("probe: done");
process.exit(0);
