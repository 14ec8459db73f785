import { verifyAuditChain } from "@/server/audit-verify";
import { db } from "@/server/db";
import { CliError, runCli } from "./cli";

/** `npm run audit:verify`: exits non-zero and names the first broken row of the audit chain. */
await runCli(async () => {
  const report = await verifyAuditChain(await db());
  if (report.broken) {
    throw new CliError(
      `audit chain broken at workflow_events id ${report.broken.id}: ${report.broken.reason} ` +
        `(${report.rows} rows read)`,
    );
  }
  console.log(
    `Audit chain intact: ${report.rows} rows` +
      (report.unlinked ? ` (${report.unlinked} written before the chain began)` : "") +
      `. Head ${report.head ?? "(empty)"}`,
  );
});
