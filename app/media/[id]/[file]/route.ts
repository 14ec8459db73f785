import { serveMedia } from "@/server/media/serve-media";

/** Generated images only; see server/media/serve-media.ts for what is served and how. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; file: string }> },
): Promise<Response> {
  const { id, file } = await params;
  return serveMedia(id, file);
}
