/**
 * Images in the editor (issue 4, item 2). Everything here is client-side and editor-only;
 * the schema stays in lib/content, the pipeline in server/media.
 *
 * Wiring (components/editor/editor-extensions.ts and toolbar.tsx):
 *
 *   import { FigureWithView, ImageUploadHandler, InsertImageButton, insertFigure } from "./media";
 *
 *   // 1. Node view: swap the shared Figure for FigureWithView (same schema, React view
 *   //    with labelled `Alt text`, `Caption`, `Credit` inputs and a missing-alt warning).
 *   contentExtensions.map((ext) => (ext === Figure ? FigureWithView : ext))
 *
 *   // 2. Paste/drop of image files into the body: upload, placeholder, then a figure
 *   //    with empty alt (flagged). Add once to the extension list:
 *   ImageUploadHandler.configure({ onError: (message, file) => showMessage(message) })
 *   //    options: upload?(file) → UploadOutcome (default POST /api/media),
 *   //             onError(message, file), onInserted?(attrs)
 *
 *   // 3. Toolbar: a button named `Insert image` that opens the upload/library dialog
 *   //    (file input `Upload image`, drop zone, library items as buttons named by alt text
 *   //    or file name, fields `Alt text` (required), `Caption`, `Credit`, button `Insert`).
 *   <InsertImageButton onInsert={(attrs) => insertFigure(editor, attrs)} disabled={!editable} />
 *
 *   // 4. Story sidebar: the featured image, controlled by the revision's featuredMediaId.
 *   //    Shows `Choose featured image` / `Change featured image` / `Remove featured image`.
 *   <FeaturedImagePicker mediaId={featuredMediaId} onChange={(id) => setFeaturedMediaId(id)} />
 *
 *   // 5. Before submit: the same count the server enforces (server/media/missing-alt-text.ts
 *   //    re-exports it for the submit transition).
 *   missingAltText(editor.getJSON()) > 0 → missingAltTextMessage(n)
 *
 * FigureAttrs = { mediaId, src, width, height, alt, caption, credit } — exactly the figure
 * node's attributes; `src` is /media/{id}/{w}.jpg and width/height are the largest
 * rendition's, from which the reader renderer derives its WebP srcset.
 */

export { missingAltText, missingAltTextMessage } from "@/lib/media/missing-alt-text";
export { FeaturedImagePicker } from "./featured-image-picker";
export { FigureWithView, insertFigure } from "./figure-node";
export { FigureView } from "./figure-view";
export { ImageUploadHandler, type ImageUploadHandlerOptions } from "./image-upload-handler";
export { InsertImageButton } from "./insert-image-button";
export { InsertImageDialog } from "./insert-image-dialog";
export { MediaLibrary, mediaLabel } from "./media-library";
export { UploadDropZone } from "./upload-drop-zone";
export {
  type FigureAttrs,
  type ImageDetails,
  imageFiles,
  type UploadOutcome,
  uploadImage,
} from "./upload-image";
