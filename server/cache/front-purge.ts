import type { Invalidation } from "./invalidation";

/**
 * Tells a cache front (the Varnish of edge/) to drop pages, with a `PURGE` request carrying
 * two regular expressions: `X-Ban-Paths` matched against each cached object's URL (so every
 * `?page=N` variant goes too) and `X-Ban-Keys` matched against its `Surrogate-Key` header.
 * The expressions contain no spaces, quotes or backslashes, so they pass through VCL and
 * Varnish's ban syntax unchanged.
 */

/** Regex-safe spelling of a path (paths hold only [A-Za-z0-9._~%/-], see invalidation.ts). */
function literal(text: string): string {
  return text.replace(/[^A-Za-z0-9/_~%:-]/g, (c) => `[${c}]`);
}

export type BanHeaders = { "x-ban-paths"?: string; "x-ban-keys"?: string };

/** The front's bans for an invalidation, split so that no header grows past `maxLength`. */
export function banHeaders(invalidation: Invalidation, maxLength = 4000): BanHeaders[] {
  if (invalidation.all) return [{ "x-ban-paths": "^/" }];
  const bans: BanHeaders[] = [];
  const chunks = (items: string[], wrap: (alternatives: string) => string) => {
    const out: string[] = [];
    let current: string[] = [];
    for (const item of items) {
      if (current.length && wrap([...current, item].join("|")).length > maxLength) {
        out.push(wrap(current.join("|")));
        current = [];
      }
      current.push(item);
    }
    if (current.length) out.push(wrap(current.join("|")));
    return out;
  };
  // Case-insensitive like the reader routes; a path and every query string it can carry.
  for (const paths of chunks(invalidation.paths.map(literal), (a) => `(?i)^(${a})([?#]|$)`)) {
    bans.push({ "x-ban-paths": paths });
  }
  for (const keys of chunks(
    invalidation.keys.map(literal),
    (a) => `(^|[[:space:]])(${a})([[:space:]]|$)`,
  )) {
    bans.push({ "x-ban-keys": keys });
  }
  return bans;
}

export class PurgeError extends Error {
  override name = "PurgeError";
}

/** Sends the bans to every front; throws if any front did not confirm all of them. */
export async function purgeFronts(
  fronts: readonly string[],
  invalidation: Invalidation,
  options: { token?: string | null; timeoutMs?: number } = {},
): Promise<void> {
  const bans = banHeaders(invalidation);
  if (fronts.length === 0 || bans.length === 0) return;
  const failures: string[] = [];
  await Promise.all(
    fronts.flatMap((front) =>
      bans.map(async (ban) => {
        try {
          const response = await fetch(`${front}/`, {
            method: "PURGE",
            headers: {
              ...ban,
              ...(options.token ? { "x-purge-token": options.token } : {}),
            },
            signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
          });
          await response.arrayBuffer();
          if (response.status !== 200) failures.push(`${front}: HTTP ${response.status}`);
        } catch (error) {
          failures.push(`${front}: ${(error as Error).name}`);
        }
      }),
    ),
  );
  if (failures.length) throw new PurgeError(`cache front ban failed (${failures.join("; ")})`);
}
