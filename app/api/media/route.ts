import { currentClaims } from "@/server/auth/session";
import { isDatabaseUnavailable, unavailableResponse } from "@/server/http/unavailable";
import { handleUploadRequest } from "@/server/media/receive-upload";

/** Image upload from the editor (multipart, field `file`); see server/media/receive-upload.ts. */
export async function POST(request: Request): Promise<Response> {
  try {
    return await handleUploadRequest(request, await currentClaims());
  } catch (error) {
    // The session is read from the database: while it is unreachable, a quick 503.
    if (isDatabaseUnavailable(error)) return unavailableResponse();
    throw error;
  }
}
