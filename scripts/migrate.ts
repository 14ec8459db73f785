import { openDatabase } from "@/server/db";
import { runCli } from "./cli";

await runCli(async () => {
  const handle = await openDatabase();
  console.log(`Migrations applied (${handle.kind}).`);
});
