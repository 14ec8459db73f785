import { DatabaseLockedError } from "@/db/client";
import { ConfigError } from "@/server/config";
import { closeDatabase } from "@/server/db";

/** Runs a CLI entry point: clear messages for known failures, non-zero exit, DB closed. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  let code = 0;
  try {
    await main();
  } catch (error) {
    code = 1;
    if (
      error instanceof DatabaseLockedError ||
      error instanceof ConfigError ||
      error instanceof CliError
    ) {
      console.error(`Error: ${error.message}`);
    } else {
      console.error(error);
    }
  } finally {
    await closeDatabase().catch(() => {});
  }
  process.exit(code);
}

export class CliError extends Error {}

/** `--name value` pairs from argv. */
export function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new CliError(`Unexpected argument "${arg}"`);
    const [key, inline] = arg.slice(2).split("=", 2);
    if (inline !== undefined) out[key!] = inline;
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) out[key!] = argv[++i]!;
    else out[key!] = "true";
  }
  return out;
}
