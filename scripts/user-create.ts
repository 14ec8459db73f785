import { recordEvent } from "@/server/audit";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createUserRow } from "@/server/users/create-user-row";
import { newUserInput } from "@/server/users/input";
import { CliError, parseFlags, runCli } from "./cli";

const USAGE =
  "Usage: npm run user:create -- --email E --name N --role reporter|editor|admin --password P";

await runCli(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const parsed = newUserInput.safeParse({
    email: flags.email,
    name: flags.name,
    role: flags.role,
    password: flags.password,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
    throw new CliError(`${problems.join("\n")}\n${USAGE}`);
  }
  const database = await db();
  try {
    const user = await database.transaction(async (tx) => {
      const row = await createUserRow(tx, parsed.data);
      await recordEvent(tx, {
        action: "user_created",
        detail: { userId: row.id, role: row.role, via: "cli" },
      });
      return row;
    });
    console.log(`Created ${user.role} ${user.email} (${user.id}).`);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
});
