import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { media, workflowEvents } from "@/db/schema";
import { renderDoc } from "@/lib/content/render";
import { validateDoc } from "@/lib/content/validate";
import { MAX_UPLOAD_BYTES } from "@/lib/media/variants";
import { config } from "@/server/config";
import { db } from "@/server/db";
import type { Result } from "@/server/errors";
import { listMedia, MEDIA_PAGE_SIZE } from "@/server/media/list-media";
import { missingAltText } from "@/server/media/missing-alt-text";
import { UPLOAD_MESSAGES } from "@/server/media/process-image";
import { handleUploadRequest } from "@/server/media/receive-upload";
import { serveMedia } from "@/server/media/serve-media";
import { updateMediaDetails } from "@/server/media/update-media";
import { storeUpload } from "@/server/media/upload-media";
import type { Actor } from "@/server/policy";
import { deactivate, jpegWithGps, makeUser, ok, pngBomb, type TestUser } from "../support/fixtures";

/**
 * Issue 4 item 2 (images) and THREATS 32: every hostile upload is refused or re-encoded
 * into clean images, metadata is stripped, names are the server's, and what is served can
 * only ever be an image. Runs against the real database and a temporary UPLOAD_DIR.
 */

let reporter: TestUser;
let editor: TestUser;
let gone: TestUser;
let uploads: string;
let outside: string;
const store = globalThis as unknown as { __newsroomConfig?: ReturnType<typeof config> };
let savedConfig: ReturnType<typeof config>;

beforeAll(async () => {
  // UPLOAD_DIR sits inside a scratch directory, so that a write *beside* it is visible too.
  outside = fs.mkdtempSync(path.join(os.tmpdir(), "newsroom-media-test-"));
  uploads = path.join(outside, "uploads");
  savedConfig = config();
  store.__newsroomConfig = { ...savedConfig, uploadDir: uploads };
  reporter = await makeUser("reporter", "Media Reporter");
  editor = await makeUser("editor", "Media Editor");
  gone = await makeUser("reporter", "Departed Reporter");
  await deactivate(gone);
});

afterAll(() => {
  store.__newsroomConfig = savedConfig;
  fs.rmSync(outside, { recursive: true, force: true });
});

const code = (result: Result<unknown>) => (result.ok ? "ok" : result.error.code);
const message = (result: Result<unknown>) => (result.ok ? "" : result.error.message);

/** Every file under UPLOAD_DIR, relative to it. */
function storedFiles(): string[] {
  if (!fs.existsSync(uploads)) return [];
  return (fs.readdirSync(uploads, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(uploads, f)).isFile())
    .sort();
}

async function mediaRows() {
  const [row] = await (await db()).select({ n: count() }).from(media);
  return row!.n;
}

/** Proves a refused upload changed nothing: no row, no file. */
async function expectNothingStored(action: () => Promise<unknown>) {
  const rowsBefore = await mediaRows();
  const filesBefore = storedFiles();
  await action();
  expect(await mediaRows()).toBe(rowsBefore);
  expect(storedFiles()).toEqual(filesBefore);
}

const solid = (width: number, height: number, alpha = false) =>
  sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 30, g: 120, b: 200, alpha: 0.5 } : "#3a7bd5",
    },
  });

function filesOf(id: string): string[] {
  return fs.readdirSync(path.join(uploads, id)).sort();
}

describe("accepted images are re-encoded into the server's own renditions", () => {
  it("strips EXIF and GPS from a JPEG and keeps none of its metadata", async () => {
    const input = await jpegWithGps(1200, 800);
    const before = await sharp(input).metadata();
    expect(before.exif?.includes("SECRET-OWNER")).toBe(true); // the fixture really carries it
    // The GPS IFD pointer (tag 0x8825), in either byte order.
    const gpsTag = (exif: Buffer | undefined) =>
      !!exif &&
      (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
    expect(gpsTag(before.exif)).toBe(true);

    const item = ok(await storeUpload(input, "holiday.jpg", reporter.claims, { alt: "A beach" }));
    expect(filesOf(item.id)).toEqual(["1200.webp", "480.webp", "960.jpg", "960.webp"]);
    for (const file of filesOf(item.id)) {
      const bytes = fs.readFileSync(path.join(uploads, item.id, file));
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(meta.xmp, file).toBeUndefined();
      expect(meta.iptc, file).toBeUndefined();
      expect(bytes.includes("SECRET-OWNER"), file).toBe(false);
      expect(bytes.includes("Exif\0\0"), file).toBe(false);
      expect(bytes.includes("<script"), file).toBe(false);
    }
    expect(item).toMatchObject({
      src: `/media/${item.id}/960.jpg`,
      width: 1200,
      height: 800,
      alt: "A beach",
      originalName: "holiday.jpg",
    });
    const [row] = await (await db()).select().from(media).where(eq(media.id, item.id));
    expect(row).toMatchObject({ uploadedBy: reporter.id, sourceType: "jpeg", width: 1200 });
    expect(row!.variants.map((v) => `${v.file}:${v.width}x${v.height}`).sort()).toEqual([
      "1200.webp:1200x800",
      "480.webp:480x320",
      "960.jpg:960x640",
      "960.webp:960x640",
    ]);
  });

  it("turns a rotated photo upright (EXIF orientation applied, then dropped)", async () => {
    const input = await solid(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const item = ok(await storeUpload(input, "sideways.jpg", reporter.claims));
    expect([item.width, item.height]).toEqual([200, 300]);
    const meta = await sharp(fs.readFileSync(path.join(uploads, item.id, "200.webp"))).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([200, 300, undefined]);
  });

  it.each([
    ["png", () => solid(640, 480, true).png().toBuffer()],
    ["webp", () => solid(640, 480).webp().toBuffer()],
    ["gif", () => solid(640, 480).gif().toBuffer()],
    ["avif", () => solid(640, 480).avif({ effort: 0 }).toBuffer()],
  ])("accepts %s", async (type, make) => {
    const item = ok(await storeUpload(await make(), `picture.${type}`, editor.claims));
    expect(filesOf(item.id)).toEqual(["480.webp", "640.jpg", "640.webp"]);
    const top = await sharp(fs.readFileSync(path.join(uploads, item.id, "640.webp"))).metadata();
    expect([top.format, top.width, top.height]).toEqual(["webp", 640, 480]);
    const jpeg = await sharp(fs.readFileSync(path.join(uploads, item.id, "640.jpg"))).metadata();
    expect([jpeg.format, jpeg.hasAlpha]).toEqual(["jpeg", false]);
    const [row] = await (await db()).select().from(media).where(eq(media.id, item.id));
    expect(row!.sourceType).toBe(type);
  });

  it("never upscales a small image", async () => {
    const item = ok(
      await storeUpload(await solid(120, 90).png().toBuffer(), "tiny.png", reporter.claims),
    );
    expect(filesOf(item.id)).toEqual(["120.jpg", "120.webp"]);
    expect([item.width, item.height, item.src]).toEqual([120, 90, `/media/${item.id}/120.jpg`]);
  });

  it("gives figure attributes the content validator accepts and the renderer makes responsive", async () => {
    const item = ok(
      await storeUpload(await solid(2000, 1000).png().toBuffer(), "wide.png", reporter.claims),
    );
    expect(filesOf(item.id)).toEqual(["1600.webp", "480.webp", "960.jpg", "960.webp"]);
    const figure = {
      type: "figure",
      attrs: {
        mediaId: item.id,
        src: item.src,
        width: item.width,
        height: item.height,
        alt: "Wide",
        caption: "A caption",
        credit: "Photo: Desk",
      },
    };
    const checked = validateDoc({ type: "doc", content: [figure] });
    expect(checked.ok).toBe(true);
    const html = renderToStaticMarkup(renderDoc(checked.ok ? checked.doc : { type: "doc" }));
    expect(html).toContain("<picture>");
    // (React writes the attribute as `srcSet`; HTML attribute names are case-insensitive.)
    expect(html.toLowerCase()).toContain(
      `srcset="/media/${item.id}/480.webp 480w, /media/${item.id}/960.webp 960w, /media/${item.id}/1600.webp 1600w"`,
    );
    expect(html).toContain(`src="/media/${item.id}/960.jpg"`);
    // Every URL the renderer derived exists on disk.
    for (const [, file] of html.matchAll(new RegExp(`/media/${item.id}/(\\d+\\.\\w+)`, "g"))) {
      expect(fs.existsSync(path.join(uploads, item.id, file!)), file).toBe(true);
    }
  });
});

describe("hostile uploads are refused (THREATS 32)", () => {
  it("refuses SVG with a script, whatever it is called", async () => {
    const svg = Buffer.from(
      `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src=x onerror=alert(1)></body></foreignObject></svg>`,
    );
    await expectNothingStored(async () => {
      for (const name of ["logo.svg", "logo.png", "logo.jpg"]) {
        const result = await storeUpload(svg, name, reporter.claims, { alt: "x" });
        expect(code(result)).toBe("invalid");
        expect(message(result)).toBe(UPLOAD_MESSAGES.svg);
      }
    });
  });

  it("refuses HTML renamed .jpg, and other non-images", async () => {
    await expectNothingStored(async () => {
      for (const bytes of [
        Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>"),
        Buffer.from("  \n<html><script>fetch('/api')</script>"),
        Buffer.from("%PDF-1.7\n..."),
        Buffer.from("just some text"),
        await solid(10, 10).tiff().toBuffer(),
      ]) {
        const result = await storeUpload(bytes, "photo.jpg", reporter.claims);
        expect(code(result)).toBe("invalid");
        expect(message(result)).toBe(UPLOAD_MESSAGES.notImage);
      }
      expect(message(await storeUpload(Buffer.alloc(0), "empty.jpg", reporter.claims))).toBe(
        UPLOAD_MESSAGES.empty,
      );
    });
  });

  it("re-encodes a GIF/HTML polyglot so that nothing of the HTML survives", async () => {
    const gif = await solid(64, 48).gif().toBuffer();
    const polyglot = Buffer.concat([gif, Buffer.from("<html><script>alert(1)</script></html>")]);
    const item = ok(await storeUpload(polyglot, "poly.gif", reporter.claims));
    for (const file of filesOf(item.id)) {
      const bytes = fs.readFileSync(path.join(uploads, item.id, file));
      expect(bytes.includes("<script"), file).toBe(false);
      expect(bytes.includes("<html"), file).toBe(false);
      expect(["webp", "jpeg"]).toContain((await sharp(bytes).metadata()).format);
    }
  });

  it("refuses a GIF header followed by HTML (no image in it), and a truncated JPEG", async () => {
    const fake = Buffer.from("GIF89a<html><script>alert(1)</script></html>");
    const jpeg = await solid(200, 200).jpeg().toBuffer();
    await expectNothingStored(async () => {
      expect(message(await storeUpload(fake, "x.gif", reporter.claims))).toBe(
        UPLOAD_MESSAGES.unreadable,
      );
      const cut = jpeg.subarray(0, jpeg.length - 100);
      expect(message(await storeUpload(cut, "cut.jpg", reporter.claims))).toBe(
        UPLOAD_MESSAGES.unreadable,
      );
    });
  });

  it("ignores the uploader's file name for storage: ../../etc/passwd stays a label", async () => {
    const besideBefore = fs.readdirSync(outside).sort();
    const item = ok(
      await storeUpload(await solid(50, 50).png().toBuffer(), "../../etc/passwd", reporter.claims),
    );
    expect(item.originalName).toBe("passwd");
    expect(item.src).toMatch(/^\/media\/[0-9a-f-]{36}\/50\.jpg$/);
    expect(filesOf(item.id)).toEqual(["50.jpg", "50.webp"]);
    expect(fs.readdirSync(outside).sort()).toEqual(besideBefore);
    expect(storedFiles().some((f) => f.includes("passwd") || f.includes(".."))).toBe(false);
    const windows = ok(
      await storeUpload(
        await solid(50, 50).png().toBuffer(),
        "..\\..\\boot.ini\u0000.png",
        reporter.claims,
      ),
    );
    expect(windows.originalName).toBe("boot.ini.png");
  });

  it("refuses a 20000×20000 PNG bomb from its header, fast and without decoding it", async () => {
    const bomb = pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000); // 400 megapixels in a few kilobytes
    const started = performance.now();
    await expectNothingStored(async () => {
      const result = await storeUpload(bomb, "bomb.png", reporter.claims);
      expect(code(result)).toBe("invalid");
      expect(message(result)).toBe(UPLOAD_MESSAGES.tooManyPixels);
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    // A panorama is judged by its pixel count too, not by either side alone.
    const tall = pngBomb(10, 5_000_000);
    expect(message(await storeUpload(tall, "tall.png", reporter.claims))).toBe(
      UPLOAD_MESSAGES.tooManyPixels,
    );
  });

  it("refuses a file over 15 MB", async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0xff);
    await expectNothingStored(async () => {
      const result = await storeUpload(big, "big.jpg", reporter.claims);
      expect(code(result)).toBe("too_large");
      expect(message(result)).toBe(UPLOAD_MESSAGES.tooLarge);
    });
  });

  it("refuses anonymous and deactivated uploaders before looking at the file, and audits it", async () => {
    const png = await solid(40, 40).png().toBuffer();
    const denied = async () =>
      (await db())
        .select({ n: count() })
        .from(workflowEvents)
        .where(
          sql`${workflowEvents.action} = 'authz_denied' and ${workflowEvents.detail}->>'command' = 'uploadMedia'`,
        );
    const [before] = await denied();
    await expectNothingStored(async () => {
      expect(code(await storeUpload(png, "a.png", null))).toBe("unauthenticated");
      expect(code(await storeUpload(png, "a.png", gone.claims))).toBe("unauthenticated");
      const stale = { ...reporter.claims, sessionVersion: reporter.claims.sessionVersion + 1 };
      expect(code(await storeUpload(png, "a.png", stale))).toBe("unauthenticated");
    });
    const [after] = await denied();
    expect(after!.n).toBe(before!.n + 3);
  });
});

describe("POST /api/media (route handler logic)", () => {
  const site = () => config().siteUrl;
  function upload(
    body: BodyInit | null,
    headers: Record<string, string> = {},
    init: RequestInit & { duplex?: "half" } = {},
  ) {
    return new Request(`${site()}/api/media`, {
      method: "POST",
      body,
      headers: { origin: site(), ...headers },
      ...init,
    });
  }
  async function form(bytes: Uint8Array, name: string, fields: Record<string, string> = {}) {
    const data = new FormData();
    data.set("file", new File([new Uint8Array(bytes)], name, { type: "image/jpeg" }));
    for (const [k, v] of Object.entries(fields)) data.set(k, v);
    return data;
  }

  it("stores a same-origin staff upload and answers the figure attributes", async () => {
    const body = await form(await solid(800, 600).jpeg().toBuffer(), "desk.jpg", {
      alt: "The news desk",
      caption: "Monday morning",
      credit: "Photo: Staff",
    });
    const response = await handleUploadRequest(upload(body), editor.claims);
    expect(response.status).toBe(201);
    const json = await response.json();
    expect(Object.keys(json).sort()).toEqual(
      ["alt", "caption", "credit", "height", "id", "src", "width"].sort(),
    );
    expect(json).toMatchObject({
      src: `/media/${json.id}/800.jpg`,
      width: 800,
      height: 600,
      alt: "The news desk",
      caption: "Monday morning",
      credit: "Photo: Staff",
    });
  });

  it("refuses a cross-site post, and one with no Origin at all (THREATS 20)", async () => {
    const png = await solid(20, 20).png().toBuffer();
    await expectNothingStored(async () => {
      const attempts: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "null" },
        { origin: "", "sec-fetch-site": "cross-site" },
      ];
      for (const headers of attempts) {
        const response = await handleUploadRequest(
          upload(await form(png, "x.png"), headers),
          editor.claims,
        );
        expect(response.status).toBe(403);
        expect((await response.json()).error.code).toBe("forbidden");
      }
      // text/plain: the classic CSRF shape, refused even from our own origin.
      const plain = await handleUploadRequest(
        upload("file=whatever", { "content-type": "text/plain" }),
        editor.claims,
      );
      expect(plain.status).toBe(422);
    });
  });

  it("refuses anonymous callers with 401 and never reads the body", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
        if (pulled > 10) controller.close();
      },
    });
    const response = await handleUploadRequest(
      upload(stream, { "content-type": "multipart/form-data; boundary=x" }, { duplex: "half" }),
      null,
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("refuses an oversize body from its Content-Length, before reading it", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = await handleUploadRequest(
      upload(
        stream,
        {
          "content-type": "multipart/form-data; boundary=x",
          "content-length": String(20 * 1024 * 1024),
        },
        { duplex: "half" },
      ),
      reporter.claims,
    );
    expect(response.status).toBe(413);
    expect((await response.json()).error).toEqual({
      code: "too_large",
      message: UPLOAD_MESSAGES.tooLarge,
    });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("stops reading a streamed body (no Content-Length) as soon as it passes the cap", async () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        if (sent > 64 * 1024 * 1024) controller.close();
      },
    });
    const response = await handleUploadRequest(
      upload(stream, { "content-type": "multipart/form-data; boundary=x" }, { duplex: "half" }),
      reporter.claims,
    );
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(MAX_UPLOAD_BYTES + 8 * 1024 * 1024);
  });

  it("answers a bad upload with a 422 and a message a person can act on", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const response = await handleUploadRequest(
      upload(await form(svg, "logo.jpg")),
      reporter.claims,
    );
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatchObject({
      code: "invalid",
      message: UPLOAD_MESSAGES.svg,
    });
    const missing = new FormData();
    missing.set("alt", "no file");
    const noFile = await handleUploadRequest(upload(missing), reporter.claims);
    expect(noFile.status).toBe(422);
  });
});

describe("GET /media/{id}/{file}", () => {
  it("serves generated files as images that cannot run anything", async () => {
    const item = ok(
      await storeUpload(await solid(500, 300).png().toBuffer(), "s.png", reporter.claims),
    );
    for (const [file, type] of [
      ["500.webp", "image/webp"],
      ["500.jpg", "image/jpeg"],
      ["480.webp", "image/webp"],
    ] as const) {
      const response = await serveMedia(item.id, file);
      expect(response.status, file).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(fs.readFileSync(path.join(uploads, item.id, file)))).toBe(true);
    }
  });

  it("answers 404 for anything the server did not generate", async () => {
    const item = ok(
      await storeUpload(await solid(60, 60).png().toBuffer(), "t.png", reporter.claims),
    );
    fs.writeFileSync(path.join(uploads, "secret.txt"), "not for you");
    for (const [id, file] of [
      [item.id, "61.webp"],
      [item.id, "60.png"],
      [item.id, "60.WEBP"],
      [item.id, "../secret.txt"],
      [item.id, "..%2Fsecret.txt"],
      [item.id, "0.webp"],
      ["..", "secret.txt"],
      ["../..", "etc/passwd"],
      [crypto.randomUUID(), "60.webp"],
      [item.id.toUpperCase(), "60.webp"],
      [`${item.id}/..`, "60.webp"],
    ]) {
      const response = await serveMedia(id!, file!);
      expect(response.status, `${id}/${file}`).toBe(404);
      expect(await response.text()).toBe("Not found.");
    }
  });
});

describe("the media library", () => {
  let actor: Actor;
  beforeAll(() => {
    actor = { id: reporter.id, role: "reporter", name: "Media Reporter", email: reporter.email };
  });

  it("updates alt text, caption and credit for any member of staff", async () => {
    const item = ok(
      await storeUpload(await solid(40, 40).png().toBuffer(), "c.png", reporter.claims),
    );
    const updated = ok(
      await updateMediaDetails.execute(editor.claims, {
        id: item.id,
        alt: "  The mayor at the opening  ",
        caption: "Opening day",
        credit: "Photo: A. Person",
      }),
    );
    expect(updated).toMatchObject({ alt: "The mayor at the opening", caption: "Opening day" });
    expect(code(await updateMediaDetails.execute(null, { id: item.id, alt: "x" }))).toBe(
      "unauthenticated",
    );
    expect(
      code(await updateMediaDetails.execute(editor.claims, { id: crypto.randomUUID(), alt: "x" })),
    ).toBe("not_found");
    expect(
      code(await updateMediaDetails.execute(editor.claims, { id: item.id, alt: "x".repeat(501) })),
    ).toBe("invalid");
    expect(
      code(await updateMediaDetails.execute(editor.claims, { id: item.id, uploadedBy: editor.id })),
    ).toBe("invalid");
  });

  it("lists newest first, pages, and searches alt, caption and credit", async () => {
    const marker = `Zebra${crypto.randomUUID().slice(0, 6)}`;
    const first = ok(
      await storeUpload(await solid(30, 30).png().toBuffer(), "one.png", reporter.claims, {
        alt: `${marker} crossing`,
      }),
    );
    const second = ok(
      await storeUpload(await solid(30, 30).png().toBuffer(), "two.png", editor.claims, {
        caption: `A ${marker} at 50% speed`,
      }),
    );
    const found = (await listMedia(actor, { q: marker.toLowerCase() }))!;
    expect(found.items.map((i) => i.id)).toEqual([second.id, first.id]);
    expect((await listMedia(actor, { q: `${marker} at 50%` }))!.items.map((i) => i.id)).toEqual([
      second.id,
    ]);
    expect((await listMedia(actor, { q: `${marker}%crossing` }))!.items).toEqual([]);
    expect(await listMedia(null, {})).toBeNull();

    for (let i = 0; i < MEDIA_PAGE_SIZE; i += 1) {
      await storeUpload(await solid(8, 8).png().toBuffer(), `page-${i}.png`, reporter.claims);
    }
    const page1 = (await listMedia(actor, {}))!;
    const page2 = (await listMedia(actor, { page: 2 }))!;
    expect(page1.items).toHaveLength(MEDIA_PAGE_SIZE);
    expect(page1.hasMore).toBe(true);
    expect(page1.items[0]!.originalName).toBe(`page-${MEDIA_PAGE_SIZE - 1}.png`);
    const ids = new Set(page1.items.map((i) => i.id));
    expect(page2.items.some((i) => ids.has(i.id))).toBe(false);
    // Hostile paging input falls back to the first page rather than failing.
    expect((await listMedia(actor, { page: "-1; drop table media" }))!.page).toBe(1);
  });
});

describe("alt text is required before submit", () => {
  it("counts figures without alt text", () => {
    const fig = (alt: string) => ({ type: "figure", attrs: { alt, src: "/media/x/1.webp" } });
    expect(
      missingAltText({
        type: "doc",
        content: [
          fig("A harbour at dawn"),
          fig(""),
          fig("   "),
          { type: "paragraph", content: [{ type: "text", text: "alt" }] },
          { type: "blockquote", content: [fig("")] },
        ],
      }),
    ).toBe(3);
    expect(missingAltText({ type: "doc", content: [{ type: "paragraph" }] })).toBe(0);
  });
});
