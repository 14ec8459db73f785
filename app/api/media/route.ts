import { currentClaims } from "@/server/auth/session";
import { handleUploadRequest } from "@/server/media/receive-upload";

/** Image upload from the editor (multipart, field `file`); see server/media/receive-upload.ts. */
export async function POST(request: Request): Promise<Response> {
  return handleUploadRequest(request, await currentClaims());
}
