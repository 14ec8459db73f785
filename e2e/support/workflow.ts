import crypto from "node:crypto";
import type { Person } from "./people";

/** A member of staff with a unique email: every spec shares one database. */
export function uniqueStaff(name: string): Person {
  const tag = crypto.randomUUID().slice(0, 8);
  return {
    name: `${name} ${tag}`,
    email: `wf-${tag}@ledger.example`,
    password: `workflow-${tag}-Long-Passphrase!`,
  };
}
