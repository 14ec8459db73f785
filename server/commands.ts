import "server-only";

/**
 * Every command of the application, imported here so that the registry is complete:
 * the permission-matrix test walks it, and server actions expose only these.
 */
export { createArticle } from "./articles/commands/create-article";
export { restoreRevision } from "./articles/commands/restore-revision";
export { saveArticle } from "./articles/commands/save-article";
export {
  approveArticle,
  publishArticle,
  requestChangesArticle,
  submitArticle,
  unpublishArticle,
} from "./articles/commands/transitions";
export { allCommands } from "./command";
export { createUser } from "./users/commands/create-user";
export { setupAdmin } from "./users/commands/setup-admin";
export { updateMediaDetails } from "./media/update-media";
export { uploadMedia } from "./media/upload-media";
export { changePassword } from "./users/commands/change-password";
export { changeUserRole } from "./users/commands/change-user-role";
export { createPasswordReset } from "./users/commands/create-password-reset";
export { deactivateUser } from "./users/commands/deactivate-user";
export { reactivateUser } from "./users/commands/reactivate-user";
export { resetPassword } from "./users/commands/reset-password";
export { updateProfile } from "./users/commands/update-profile";
export { createSection } from "./sections/commands/create-section";
export { moveSection } from "./sections/commands/move-section";
export { updateSection } from "./sections/commands/update-section";
