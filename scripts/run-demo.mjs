// The README's run command ends here: load the demo newsroom into an empty embedded
// database, then start the built app. `npm start` alone never adds demo data.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dataDir = process.env.DATA_DIR || ".data";
if (!process.env.DATABASE_URL) {
  const seeded = spawnSync("npm", ["run", "--silent", "seed:demo", "--", "--if-empty"], {
    stdio: "inherit",
  });
  if (seeded.status !== 0) process.exit(seeded.status ?? 1);
  const credentials = path.join(dataDir, "demo-credentials.txt");
  if (fs.existsSync(credentials)) console.log(`\nDemo sign-ins are in ${credentials}`);
}
const port = process.env.PORT || "3000";
console.log(`\nStarting the newsroom on ${process.env.SITE_URL || `http://localhost:${port}`} …\n`);
const child = spawn("npm", ["start", "--", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
