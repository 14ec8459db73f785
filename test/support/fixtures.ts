import crypto from "node:crypto";
import zlib from "node:zlib";
import { asc, count, eq } from "drizzle-orm";
import {
  articleRevisions,
  articles,
  publishedArticles,
  sections,
  users,
  workflowEvents,
} from "@/db/schema";
import type { DocJSON } from "@/lib/content/types";
import type { Role } from "@/lib/workflow/states";
import { createArticle } from "@/server/articles/commands/create-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import type { TransitionName } from "@/server/articles/workflow";
import type { SessionClaims } from "@/server/auth/actor";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { createUserRow } from "@/server/users/create-user-row";

export type TestUser = { id: string; email: string; role: Role; claims: SessionClaims };

/** A real user row (argon2 hash and all), and the session claims that user would hold. */
export async function makeUser(role: Role, name = `${role} ${crypto.randomUUID().slice(0, 6)}`) {
  const email = `${crypto.randomUUID().slice(0, 8)}@test.example`;
  const row = await createUserRow(await db(), {
    name,
    email,
    role,
    password: "correct horse battery",
  });
  const user: TestUser = { id: row.id, email, role, claims: { userId: row.id, sessionVersion: 1 } };
  return user;
}

export async function deactivate(user: TestUser) {
  await (await db()).update(users).set({ active: false }).where(eq(users.id, user.id));
}

export async function sectionId(slug = "politics"): Promise<string> {
  const [row] = await (await db()).select().from(sections).where(eq(sections.slug, slug));
  return row!.id;
}

export const doc = (...paragraphs: string[]): DocJSON => ({
  type: "doc",
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});

export function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

export async function writeStory(
  author: TestUser,
  headline = `Story ${crypto.randomUUID().slice(0, 8)}`,
) {
  return ok(
    await createArticle.execute(author.claims, {
      headline,
      standfirst: "A standfirst.",
      dateline: "LONDON (Agency)",
      source: "Test desk",
      sectionId: await sectionId(),
      body: doc("First paragraph of the story.", "Second paragraph."),
    }),
  );
}

/** Moves a story along a path of transitions as the given people. */
export async function advance(
  id: string,
  steps: { name: TransitionName; as: TestUser; note?: string }[],
  from = "draft",
): Promise<string> {
  let status = from;
  for (const step of steps) {
    const data = ok(
      await TRANSITION_COMMANDS[step.name].execute(step.as.claims, {
        id,
        fromStatus: status,
        note: step.note ?? (step.name === "requestChanges" ? "Please fix." : ""),
      }),
    ) as { status: string };
    status = data.status;
  }
  return status;
}

// ---------------------------------------------------------------------------------------
// Helpers for the integration suites: read what is really stored, to prove that a refused
// command changed nothing and an allowed one changed exactly what it should.

/** Where a story stands, as stored: compare before/after a refused command. */
export async function storyState(articleId: string) {
  const database = await db();
  const [article] = await database.select().from(articles).where(eq(articles.id, articleId));
  const [revisions] = await database
    .select({ n: count() })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId));
  const live = await database
    .select()
    .from(publishedArticles)
    .where(eq(publishedArticles.articleId, articleId));
  const [events] = await database
    .select({ n: count() })
    .from(workflowEvents)
    .where(eq(workflowEvents.articleId, articleId));
  return {
    status: article?.status,
    version: article?.version,
    slug: article?.slug,
    workingRevisionId: article?.workingRevisionId,
    publishedRevisionId: article?.publishedRevisionId,
    firstPublishedAt: article?.firstPublishedAt?.toISOString() ?? null,
    lastPublishedAt: article?.lastPublishedAt?.toISOString() ?? null,
    revisions: revisions?.n ?? 0,
    live: live.map((row) => ({ revisionId: row.revisionId, headline: row.headline })),
    events: events?.n ?? 0,
  };
}

/** The story's working revision, as stored. */
export async function workingRevision(articleId: string) {
  const database = await db();
  const [row] = await database
    .select({ revision: articleRevisions })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.workingRevisionId))
    .where(eq(articles.id, articleId));
  return row!.revision;
}

/** The reader-site row of a story, or undefined when it is not live. */
export async function liveCopy(articleId: string) {
  const [row] = await (await db())
    .select()
    .from(publishedArticles)
    .where(eq(publishedArticles.articleId, articleId));
  return row;
}

/** Audit rows of a story, oldest first. */
export async function eventsOf(articleId: string) {
  return (await db())
    .select()
    .from(workflowEvents)
    .where(eq(workflowEvents.articleId, articleId))
    .orderBy(asc(workflowEvents.id));
}

/** The transitions (and who fires them) that bring a fresh draft to each reachable state. */
export function pathTo(
  status: "draft" | "in_review" | "changes_requested" | "approved" | "published" | "unpublished",
  reporter: TestUser,
  editor: TestUser,
): { name: TransitionName; as: TestUser }[] {
  const submit = { name: "submit" as const, as: reporter };
  const approve = { name: "approve" as const, as: editor };
  const publish = { name: "publish" as const, as: editor };
  switch (status) {
    case "draft":
      return [];
    case "in_review":
      return [submit];
    case "changes_requested":
      return [submit, { name: "requestChanges", as: editor }];
    case "approved":
      return [submit, approve];
    case "published":
      return [submit, approve, publish];
    case "unpublished":
      return [submit, approve, publish, { name: "unpublish", as: editor }];
  }
}

/** A fresh story by `reporter`, moved to `status` (editors act where the path needs one). */
export async function storyAt(
  status: Parameters<typeof pathTo>[0],
  reporter: TestUser,
  editor: TestUser,
) {
  const story = await writeStory(reporter);
  await advance(story.id, pathTo(status, reporter, editor));
  return story;
}

// ---------------------------------------------------------------------------------------
// Image fixtures for the upload tests, generated on the fly (no binary files committed).

/** A JPEG carrying EXIF with an owner string, a script-looking description and GPS. */
export async function jpegWithGps(width: number, height: number): Promise<Buffer> {
  const { default: sharp } = await import("sharp");
  return sharp({ create: { width, height, channels: 3, background: "#4a8" } })
    .jpeg()
    .withExif({
      IFD0: { Copyright: "SECRET-OWNER", ImageDescription: "<script>alert(1)</script>" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "51/1 30/1 1234/100",
        GPSLongitudeRef: "W",
        GPSLongitude: "0/1 7/1 3900/100",
      },
    })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * A real decompression bomb: a valid 1-bit greyscale PNG of width × height, all black.
 * 20000×20000 is 400 megapixels (1.6 GB once decoded as RGBA) in about 50 KB.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(1, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const rowBytes = 1 + Math.ceil(width / 8); // filter byte + packed pixels
  const pixels = zlib.deflateSync(Buffer.alloc(rowBytes * height), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", pixels),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}
