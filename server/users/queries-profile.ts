import "server-only";
import { eq } from "drizzle-orm";
import { media, users } from "@/db/schema";
import { db } from "../db";
import { type MediaItem, toMediaItem } from "../media/media-item";
import type { Actor } from "../policy";

export type OwnProfile = {
  name: string;
  bio: string;
  email: string;
  role: string;
  avatar: MediaItem | null;
};

/** The signed-in person's own profile: only ever their row. */
export async function getOwnProfile(actor: Actor): Promise<OwnProfile | null> {
  const [row] = await (await db())
    .select({
      name: users.name,
      bio: users.bio,
      email: users.email,
      role: users.role,
      avatar: media,
    })
    .from(users)
    .leftJoin(media, eq(media.id, users.avatarMediaId))
    .where(eq(users.id, actor.id))
    .limit(1);
  if (!row) return null;
  return { ...row, avatar: row.avatar ? toMediaItem(row.avatar) : null };
}
