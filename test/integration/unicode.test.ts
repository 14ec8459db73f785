import crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { validateDoc } from "@/lib/content/validate";
import { saveArticle } from "@/server/articles/commands/save-article";
import { getEditorView } from "@/server/articles/queries/editor-view";
import { loadActor } from "@/server/auth/actor";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { createUser } from "@/server/users/commands/create-user";
import { updateProfile } from "@/server/users/commands/update-profile";
import { doc, makeUser, ok, sectionId, type TestUser, writeStory } from "../support/fixtures";

/**
 * THREATS 39: text is stored in NFC and well-formed; bidi controls and zero-width characters
 * never reach a staff name (a byline). Everything goes through the commands a server action
 * calls, and is read back from the database or the editor's own query.
 */

/** Every character lib/text/invisible.ts must keep out of a name. */
// biome-ignore format: one group per line
const INVISIBLES = [
  "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", // embeddings and overrides
  "\u2066", "\u2067", "\u2068", "\u2069", // isolates
  "\u200E", "\u200F", "\u061C", // marks
  "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", // zero-width space, joiners, BOM
];
const ANY_INVISIBLE = new RegExp(`[${INVISIBLES.join("")}]`);

let admin: TestUser;

beforeAll(async () => {
  admin = await makeUser("admin");
});

async function nameOf(id: string) {
  const [row] = await (await db()).select({ name: users.name }).from(users).where(eq(users.id, id));
  return row!.name;
}

async function userCount() {
  const [row] = await (await db()).select({ n: count() }).from(users);
  return row!.n;
}

function refusedOn(result: Result<unknown>, field: string) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.data)}`);
  expect(result.error.code).toBe("invalid");
  expect(result.error.fields?.[field]).toBe("Enter a name.");
}

describe("staff names (THREATS 39)", () => {
  // A right-to-left override that would show "Q." reversed, zero-width characters everywhere,
  // and a zero-width joiner holding "e" apart from its accent (NFC cannot compose across it).
  const HOSTILE =
    " \u200BZoe\u0301\u202E Q.\u202C \u2066Jose\u200D\u0301\u2069\u200E\u200F\u061C\u2060\uFEFF ";
  const CLEAN = "Zoé Q. José";

  it("stores a name with U+202E, marks and zero-width characters clean and in NFC, on create and on rename", async () => {
    const created = ok(
      await createUser.execute(admin.claims, {
        name: HOSTILE,
        email: `${crypto.randomUUID().slice(0, 8)}@staff.example`,
        password: "a long enough password",
        role: "reporter",
      }),
    );
    const stored = await nameOf(created.id);
    expect(stored).toBe(CLEAN);
    expect(stored).toBe(stored.normalize("NFC"));
    expect(stored).not.toMatch(ANY_INVISIBLE);

    const reporter = await makeUser("reporter");
    ok(await updateProfile.execute(reporter.claims, { name: `Rita${HOSTILE}`, bio: "" }));
    expect(await nameOf(reporter.id)).toBe(`Rita ${CLEAN}`);

    // Each character on its own, between two letters, is removed.
    for (const ch of INVISIBLES) {
      ok(await updateProfile.execute(reporter.claims, { name: `A${ch}B`, bio: "" }));
      expect(await nameOf(reporter.id), `U+${ch.codePointAt(0)!.toString(16)}`).toBe("AB");
    }
  });

  it("keeps a joiner inside a Persian or Devanagari word, where it spells the name", async () => {
    const reporter = await makeUser("reporter");
    // "Fatemeh Zadeh" written with its zero-width non-joiner; "Lakshmi" with a ZWJ half-form.
    for (const name of ["فاطمه\u200Cزاده", "लक्\u200Dष्मी"]) {
      ok(await updateProfile.execute(reporter.claims, { name, bio: "" }));
      expect(await nameOf(reporter.id)).toBe(name.normalize("NFC"));
    }
    // Next to a Latin letter, a space or an emoji it is a look-alike, and goes.
    ok(
      await updateProfile.execute(reporter.claims, {
        name: "Ad\u200Cmin \u200D\u{1F4F0}",
        bio: "",
      }),
    );
    expect(await nameOf(reporter.id)).toBe("Admin \u{1F4F0}");
  });

  it("refuses a name that is nothing but bidi and zero-width characters, with a field error", async () => {
    const invisibleOnly = ` ${INVISIBLES.join("")} \u200B `;
    const before = await userCount();
    refusedOn(
      await createUser.execute(admin.claims, {
        name: invisibleOnly,
        email: `${crypto.randomUUID().slice(0, 8)}@staff.example`,
        password: "a long enough password",
        role: "reporter",
      }),
      "name",
    );
    expect(await userCount()).toBe(before);

    const reporter = await makeUser("reporter", "Kept Name");
    refusedOn(
      await updateProfile.execute(reporter.claims, { name: invisibleOnly, bio: "" }),
      "name",
    );
    refusedOn(await updateProfile.execute(reporter.claims, { name: "\u202E", bio: "" }), "name");
    expect(await nameOf(reporter.id)).toBe("Kept Name");
  });
});

describe("save and read back (THREATS 39)", () => {
  /** What the validators promise: lone surrogates become U+FFFD, then NFC. */
  const normalised = (s: string) => s.toWellFormed().normalize("NFC");

  /** Any code point, lone surrogate halves, and the characters that tend to break things. */
  // biome-ignore format: the list reads better packed
  const unit = fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u0301", "e\u0301", "\u1100\u1161",
        "👩‍👩‍👧", "🇬🇧", "\u05D0", "\u0627", "\r\n", "\t", " ", "\u2028", "\uFFFE", "\uFFFF",
        "\u{10FFFF}", "\u0085", "\\", '"', "'", "<", "&", "%", "_",
      ),
    },
  );
  const text = (maxLength: number) =>
    fc.string({ unit, minLength: 1, maxLength }).filter((s) => !s.includes("\u0000"));

  it("random Unicode saved as headline, standfirst and body reads back as the validator's NFC, well-formed text, with nothing lost", async () => {
    const reporter = await makeUser("reporter");
    const actor = (await loadActor(await db(), reporter.claims))!;
    const story = await writeStory(reporter);
    const section = await sectionId();
    let version = (await getEditorView(actor, story.id))!.version;

    await fc.assert(
      fc.asyncProperty(
        text(20).filter((s) => normalised(s).trim().length > 0),
        text(60),
        fc.array(text(80), { minLength: 1, maxLength: 4 }),
        async (headline, standfirst, paragraphs) => {
          const body = doc(...paragraphs);
          const saved = ok(
            await saveArticle.execute(reporter.claims, {
              id: story.id,
              baseVersion: version,
              headline,
              standfirst,
              dateline: "",
              source: "",
              sectionId: section,
              body,
            }),
          ) as { version: number };
          version = saved.version;

          const view = (await getEditorView(actor, story.id))!;
          expect(view.headline).toBe(normalised(headline).trim());
          expect(view.standfirst).toBe(normalised(standfirst).trim());
          // Every paragraph and every character of it, in order: only the promised changes.
          expect(view.body).toEqual(doc(...paragraphs.map(normalised)));
          const validated = validateDoc(body);
          expect(validated.ok && validated.doc).toEqual(view.body);
          for (const value of [view.headline, view.standfirst, JSON.stringify(view.body)]) {
            expect(value.isWellFormed()).toBe(true);
            expect(value).toBe(value.normalize("NFC"));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
