import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, type Caller, ROUTE_HANDLERS } from "@/server/action-registry";
import { allCommands } from "@/server/commands";
import { POLICY } from "@/server/policy";

/**
 * THREATS.md row 2: no way in without a rule. Every server action the source exports and
 * every route handler must be in server/action-registry.ts, every action must name a real
 * command (checked by the policy table) or be a staff-only query, and the registry's "who"
 * must be what the policy says. When a production build is present, its manifests are
 * checked too (e2e/permissions-http.spec.ts always checks them, after `next build`).
 */
const root = path.resolve(import.meta.dirname, "../..");

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, pattern));
    else if (pattern.test(entry.name)) out.push(full);
  }
  return out;
}

/** Exported functions of every module that starts with "use server". */
function serverActionExports(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of filesUnder(path.join(root, "app"), /\.(ts|tsx)$/)) {
    const source = fs.readFileSync(file, "utf8");
    if (!/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source)) continue;
    for (const match of source.matchAll(
      /export\s+(?:async\s+)?(?:function\s+(\w+)|const\s+(\w+))/g,
    )) {
      found.set(match[1] ?? match[2]!, path.relative(root, file));
    }
    expect(source, `${file} re-exports`).not.toMatch(/export\s*\{|export\s+\*/);
  }
  return found;
}

/** `app/(site)/[section]/route.ts` → `/[section]/route`, as the manifest names it minus groups. */
function routeKey(manifestKey: string): string {
  return manifestKey.replace(/\/\([^)]+\)/g, "") || "/";
}

function expectedCaller(permission: keyof typeof POLICY): Caller {
  const roles: readonly string[] = POLICY[permission].roles;
  if (permission === "public") return "anyone";
  if (roles.includes("reporter")) return "staff";
  if (roles.includes("editor")) return "desk";
  return "admin";
}

describe("the action and route registry", () => {
  const commands = new Map(allCommands().map((c) => [c.name, c]));

  it("lists every exported server action, and nothing that is not one", () => {
    const exported = serverActionExports();
    expect(exported.size).toBeGreaterThan(40);
    const missing = [...exported.keys()].filter((name) => !(name in ACTIONS));
    expect(missing, "server actions missing from server/action-registry.ts").toEqual([]);
    const stale = Object.keys(ACTIONS).filter((name) => !exported.has(name));
    expect(stale, "registry entries with no such server action").toEqual([]);
  });

  it("maps each action to a real command whose policy matches its caller, or a staff query", () => {
    for (const [name, rule] of Object.entries(ACTIONS)) {
      if ("query" in rule) {
        expect(rule.who, name).toBe("staff");
        continue;
      }
      const command = commands.get(rule.command);
      expect(command, `${name} → command ${rule.command}`).toBeDefined();
      expect(rule.who, `${name} (${command!.permission})`).toBe(
        expectedCaller(command!.permission),
      );
    }
  });

  it("reaches every command from an action or a route handler", () => {
    const reachable = new Set<string>([
      ...Object.values(ACTIONS).flatMap((r) => ("command" in r ? [r.command] : [])),
      ...Object.values(ROUTE_HANDLERS).flatMap((r) => r.commands ?? []),
    ]);
    for (const rule of Object.values(ROUTE_HANDLERS)) {
      for (const name of rule.commands ?? []) expect(commands.has(name), name).toBe(true);
    }
    const orphans = [...commands.keys()].filter((name) => !reachable.has(name));
    expect(orphans, "commands nothing exposes (or exposed without a registry entry)").toEqual([]);
  });

  it("lists every route handler with the methods it exports", () => {
    const routes = filesUnder(path.join(root, "app"), /^route\.(ts|tsx)$/);
    expect(routes.length).toBeGreaterThan(15);
    for (const file of routes) {
      const key = routeKey(
        `/${path.relative(path.join(root, "app"), file).replace(/\.tsx?$/, "")}`,
      );
      const rule = ROUTE_HANDLERS[key];
      expect(rule, `route handler ${key} missing from server/action-registry.ts`).toBeDefined();
      const source = fs.readFileSync(file, "utf8");
      const methods = [
        ...source.matchAll(
          /export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE)/g,
        ),
        ...source.matchAll(/as\s+(GET|HEAD|POST|PUT|PATCH|DELETE)\b/g),
      ].map((m) => m[1]!);
      expect(methods.length, key).toBeGreaterThan(0);
      for (const method of methods) expect(rule!.methods, `${key} ${method}`).toContain(method);
    }
  });

  const manifest = path.join(root, ".next/server/server-reference-manifest.json");
  it.runIf(fs.existsSync(manifest))(
    "covers every action and route of the production build in .next",
    () => {
      const actions = JSON.parse(fs.readFileSync(manifest, "utf8")) as {
        node: Record<string, { exportedName: string; filename: string }>;
      };
      const built = Object.values(actions.node).map((a) => a.exportedName);
      expect(built.filter((name) => !(name in ACTIONS))).toEqual([]);
      const paths = JSON.parse(
        fs.readFileSync(path.join(root, ".next/server/app-paths-manifest.json"), "utf8"),
      ) as Record<string, string>;
      const routes = Object.keys(paths)
        .filter((key) => key.endsWith("/route"))
        .map(routeKey);
      expect(routes.filter((key) => !(key in ROUTE_HANDLERS))).toEqual([]);
    },
  );
});
