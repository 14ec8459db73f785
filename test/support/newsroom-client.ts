import fs from "node:fs";
import path from "node:path";

/**
 * A person at the newsroom over plain HTTP, without a browser: signs in through next-auth's
 * credentials endpoint (what the login form posts) and calls server actions the way the
 * browser does (POST with a `Next-Action` header and the arguments as JSON). The action ids
 * come from the build's server-reference manifest, so this works against any `next build`.
 *
 * Used by the fault and several-instance specs (e2e/faults-*.spec.ts, e2e/instances.spec.ts)
 * and by anything else that needs real traffic against `next start` (benchmarks, soak).
 */

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

type Manifest = {
  node: Record<
    string,
    { filename: string; exportedName: string; workers: Record<string, unknown> }
  >;
};

export type ActionRef = { id: string; page: string };

/** `app/(newsroom)/newsroom/articles/[id]/page` → `/newsroom/articles/x` (any id will do). */
function routeOf(worker: string): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^)]+\)/g, "")
    .replace(/\[[^\]]+\]/g, "x");
  return route || "/";
}

let manifest: Manifest | null = null;

/** The id and a page of the server action `name` exported by `file` (relative to the root). */
export function actionRef(name: string, file = "app/(newsroom)/newsroom/actions.ts"): ActionRef {
  manifest ??= JSON.parse(
    fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName !== name || entry.filename !== file) continue;
    const workers = Object.keys(entry.workers);
    const page = workers.find((w) => !w.includes("[")) ?? workers[0];
    if (!page) break;
    return { id, page: routeOf(page) };
  }
  throw new Error(`server action ${name} from ${file} is not in the build (run next build)`);
}

/** A server action's answer: the `Result` our actions return. */
export type ActionResult<T = Record<string, unknown>> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; detail?: unknown } };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
    this.name = "HttpError";
  }
}

/** The RSC payload of an action response: row 1 holds the value the action returned. */
function parseActionPayload(text: string): unknown {
  for (const line of text.split("\n")) {
    const match = /^1:(.*)$/.exec(line);
    if (match) return JSON.parse(match[1]!);
  }
  throw new Error(`no action result in response: ${text.slice(0, 300)}`);
}

export class NewsroomClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    /** Where requests go (an instance, or the proxy in front of several). */
    public baseURL: string,
    /** Request timeout: a fault test must see a hung server as a failure, not wait forever. */
    readonly timeoutMs = 15_000,
  ) {}

  /** Same cookies, another address: a person whose next request lands on another instance. */
  at(baseURL: string): NewsroomClient {
    const other = new NewsroomClient(baseURL, this.timeoutMs);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader);
    const response = await fetch(new URL(pathname, this.baseURL), {
      redirect: "manual",
      ...init,
      headers,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === "") {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    return response;
  }

  /** Signs in with email and password, as the login form does; throws if refused. */
  async signIn(email: string, password: string): Promise<void> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: new URL(this.baseURL).origin,
      },
      body: new URLSearchParams({
        csrfToken,
        email,
        password,
        callbackUrl: "/newsroom",
        json: "true",
      }),
    });
    await response.arrayBuffer();
    if (![...this.cookies.keys()].some((name) => name.endsWith("next-auth.session-token"))) {
      throw new Error(`sign-in as ${email} was refused (HTTP ${response.status})`);
    }
  }

  /** Calls a server action; throws HttpError if the server did not answer with a result. */
  async action<T = Record<string, unknown>>(
    name: string,
    input: unknown,
    file?: string,
  ): Promise<ActionResult<T>> {
    const ref = actionRef(name, file);
    const response = await this.request(ref.page, {
      method: "POST",
      headers: {
        "next-action": ref.id,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        origin: new URL(this.baseURL).origin,
      },
      body: JSON.stringify([input]),
    });
    const text = await response.text();
    if (response.status !== 200) throw new HttpError(response.status, text);
    return parseActionPayload(text) as ActionResult<T>;
  }

  /** Like action(), but the result must be ok: returns its data. */
  async ok<T = Record<string, unknown>>(name: string, input: unknown, file?: string): Promise<T> {
    const result = await this.action<T>(name, input, file);
    if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.error)}`);
    return result.data;
  }

  /** The sections a new story may be filed in, as the new-story form lists them. */
  async sectionIds(): Promise<string[]> {
    const response = await this.request("/newsroom/articles/new");
    const html = await response.text();
    if (response.status !== 200) throw new HttpError(response.status, html);
    const ids = [...html.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    if (!ids.length) throw new Error("the new-story form lists no section");
    return [...new Set(ids)];
  }
}

/** Creates the first admin on an empty newsroom (the /setup form's action). */
export async function setUpAdmin(
  baseURL: string,
  person: { name: string; email: string; password: string },
): Promise<void> {
  const client = new NewsroomClient(baseURL);
  await client.ok("setupAdmin", person, "app/(auth)/actions.ts");
}

/** A one-paragraph story body in the editor's document format. */
export function storyBody(text: string): unknown {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}
