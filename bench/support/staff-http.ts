import fs from "node:fs";
import path from "node:path";

/**
 * A member of staff driving the newsroom over HTTP as their browser does: signs in through
 * next-auth's credentials endpoint, then calls server actions by their ids from the build's
 * server-reference manifest (POST with `Next-Action`, the arguments as JSON, a same-origin
 * `Origin`). The action's return value comes back in the RSC payload's row 1.
 */

type Manifest = {
  node: Record<
    string,
    { workers: Record<string, unknown>; filename: string; exportedName: string }
  >;
};

export function actionId(exportedName: string, filename = "app/(newsroom)/newsroom/actions.ts") {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as Manifest;
  const entry = Object.entries(manifest.node).find(
    ([, v]) => v.exportedName === exportedName && v.filename === filename,
  );
  if (!entry) throw new Error(`server action ${exportedName} is not in the build`);
  return entry[0];
}

function cookiesFrom(res: Response, jar: Map<string, string>): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

export type ActionResult = {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string };
};

export class StaffSession {
  private readonly jar = new Map<string, string>();
  constructor(readonly base: string) {}

  async signIn(email: string, password: string): Promise<void> {
    const csrfRes = await fetch(`${this.base}/api/auth/csrf`);
    cookiesFrom(csrfRes, this.jar);
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(this.jar),
        origin: this.base,
      },
      body: new URLSearchParams({
        csrfToken,
        email,
        password,
        json: "true",
        callbackUrl: `${this.base}/newsroom`,
      }),
    });
    cookiesFrom(res, this.jar);
    await res.arrayBuffer();
    if (![...this.jar.keys()].some((k) => k.endsWith("next-auth.session-token"))) {
      throw new Error(`sign-in of ${email} failed (status ${res.status})`);
    }
  }

  /** Calls a server action from the page it belongs to; throws on a transport failure. */
  async action(id: string, pagePath: string, input: unknown): Promise<ActionResult> {
    const res = await fetch(`${this.base}${pagePath}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "next-action": id,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        origin: this.base,
        cookie: cookieHeader(this.jar),
      },
      body: JSON.stringify([input]),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`action answered ${res.status}: ${text.slice(0, 200)}`);
    const row = /^1:(.*)$/m.exec(text);
    if (!row) throw new Error(`action answered without a result: ${text.slice(0, 200)}`);
    return JSON.parse(row[1]!) as ActionResult;
  }
}
