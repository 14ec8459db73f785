import "server-only";

/**
 * Every command of the application, imported here so that the registry is complete:
 * the permission-matrix test walks it, and server actions expose only these.
 */
export { createArticle } from "./articles/commands/create-article";
export { createAssignment } from "./articles/commands/create-assignment";
export { claimEditLock, releaseEditLock } from "./articles/commands/edit-lock";
export { restoreRevision } from "./articles/commands/restore-revision";
export { saveArticle } from "./articles/commands/save-article";
export { setBylines } from "./articles/commands/set-bylines";
export { setArticleSlug } from "./articles/commands/set-slug";
export { setArticleTags } from "./articles/commands/set-tags";
export { TRANSITION_COMMANDS } from "./articles/commands/transitions";
export { allCommands } from "./command";
export { approveComment, deleteComment, spamComment } from "./comments/moderate-comment";
export { postComment } from "./comments/post-comment";
export { setCommentsOpen } from "./comments/set-comments-open";
export { updateMediaDetails } from "./media/update-media";
export { uploadMedia } from "./media/upload-media";
export { addNote, resolveNote } from "./notes/add-note";
export { markNotificationsRead } from "./notifications/mark-read";
export { createSection } from "./sections/commands/create-section";
export { moveSection } from "./sections/commands/move-section";
export { updateSection } from "./sections/commands/update-section";
export { changePassword } from "./users/commands/change-password";
export { changeUserRole } from "./users/commands/change-user-role";
export { createPasswordReset } from "./users/commands/create-password-reset";
export { createUser } from "./users/commands/create-user";
export { deactivateUser } from "./users/commands/deactivate-user";
export { reactivateUser } from "./users/commands/reactivate-user";
export { resetPassword } from "./users/commands/reset-password";
export { setAvatar } from "./users/commands/set-avatar";
export { setTwoFactorRequired } from "./users/commands/set-two-factor-required";
export { setupAdmin } from "./users/commands/setup-admin";
export { signOutEverywhere } from "./users/commands/sign-out-everywhere";
export {
  beginTwoFactor,
  confirmTwoFactor,
  disableTwoFactor,
} from "./users/commands/two-factor";
export { updateProfile } from "./users/commands/update-profile";
