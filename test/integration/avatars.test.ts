import crypto from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { outbox, users, workflowEvents } from "@/db/schema";
import { db } from "@/server/db";
import { processImage } from "@/server/media/process-image";
import { uploadMedia } from "@/server/media/upload-media";
import { authorPage } from "@/server/reader/pages/lists";
import { setAvatar } from "@/server/users/commands/set-avatar";
import { getOwnProfile } from "@/server/users/queries-profile";
import { makeUser, ok, storyAt, type TestUser } from "../support/fixtures";

/** Issue 3, item 10: a profile's avatar, shown on the public author page (issue 5, item 1). */

let reporter: TestUser;
let editor: TestUser;
let slug: string;

async function upload(by: TestUser, colour: string): Promise<string> {
  const { default: sharp } = await import("sharp");
  const png = await sharp({ create: { width: 600, height: 600, channels: 3, background: colour } })
    .png()
    .toBuffer();
  const item = ok(
    await uploadMedia.execute(by.claims, {
      image: await processImage(png),
      originalName: "portrait.png",
    }),
  );
  return (item as { id: string }).id;
}

async function avatarOf(user: TestUser) {
  const [row] = await (await db())
    .select({ avatar: users.avatarMediaId })
    .from(users)
    .where(eq(users.id, user.id));
  return row!.avatar;
}

async function authorHtml(): Promise<string> {
  const response = await authorPage(new Request(`http://localhost/authors/${slug}`), slug);
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  reporter = await makeUser("reporter", "Ada Avatar");
  editor = await makeUser("editor");
  await storyAt("published", reporter, editor);
  const [row] = await (await db())
    .select({ slug: users.slug })
    .from(users)
    .where(eq(users.id, reporter.id));
  slug = row!.slug;
});

describe("avatars", () => {
  it("a reporter picks an uploaded picture; the author page shows it, named by the person", async () => {
    const mediaId = await upload(reporter, "#c63");
    expect(ok(await setAvatar.execute(reporter.claims, { mediaId }))).toEqual({ changed: true });

    expect(await avatarOf(reporter)).toBe(mediaId);
    expect((await getOwnProfile({ ...reporter, name: "", email: "" }))?.avatar?.id).toBe(mediaId);
    const html = await authorHtml();
    expect(html).toContain(`/media/${mediaId}/`);
    expect(html).toMatch(/<img[^>]*alt="Ada Avatar"/);
    expect(html).toContain('"image":"http');

    // The author page is queued for the cache purger in the same transaction.
    const [queued] = await (await db())
      .select()
      .from(outbox)
      .orderBy(desc(outbox.createdAt))
      .limit(1);
    expect(JSON.parse(queued!.payload).paths).toEqual([`/authors/${slug}`]);
    const [event] = await (await db())
      .select()
      .from(workflowEvents)
      .where(eq(workflowEvents.action, "profile_updated"))
      .orderBy(desc(workflowEvents.createdAt))
      .limit(1);
    expect(event!.detail).toMatchObject({ userId: reporter.id, fields: ["avatar"] });
  });

  it("choosing the same picture again changes nothing; removing it takes it off the page", async () => {
    const current = await avatarOf(reporter);
    expect(ok(await setAvatar.execute(reporter.claims, { mediaId: current }))).toEqual({
      changed: false,
    });
    expect(ok(await setAvatar.execute(reporter.claims, { mediaId: null }))).toEqual({
      changed: true,
    });
    expect(await avatarOf(reporter)).toBeNull();
    expect(await authorHtml()).not.toContain("/media/");
  });

  it("refuses ids that are not library images, and extra fields, changing nothing", async () => {
    const mediaId = await upload(editor, "#36c");
    ok(await setAvatar.execute(reporter.claims, { mediaId }));
    for (const input of [
      { mediaId: crypto.randomUUID() },
      { mediaId: "../../etc/passwd" },
      { mediaId: 42 },
      {},
      { mediaId: null, userId: editor.id },
    ]) {
      const result = await setAvatar.execute(reporter.claims, input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
    }
    expect(await avatarOf(reporter)).toBe(mediaId);
    expect(await avatarOf(editor)).toBeNull();
  });

  it("is only ever the actor's own: anonymous callers are refused", async () => {
    const result = await setAvatar.execute(null, { mediaId: null });
    expect(result.ok).toBe(false);
    expect(await avatarOf(reporter)).not.toBeNull();
  });
});
