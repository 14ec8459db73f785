"use client";

import { redoDepth, undoDepth } from "@tiptap/pm/history";
import { type Editor, useEditorState } from "@tiptap/react";
import type { ReactNode } from "react";
import { isSafeHref } from "@/lib/content/urls";
import { catchUpWithDom } from "./selection-catch-up";

type ToolButton = {
  label: string;
  pressed?: boolean;
  run: () => void;
  shortcut?: string;
  enabled?: boolean;
};

/**
 * The formatting toolbar of UI-CONTRACT.md. Each button states whether it is active;
 * shortcuts and Markdown-style input rules (## , > , - , 1. , **bold**) come from the schema's
 * extensions, so typing works without the toolbar.
 */
export function Toolbar({
  editor,
  disabled,
  onInsertRelated,
  imageButton,
}: {
  editor: Editor;
  disabled: boolean;
  onInsertRelated: () => void;
  imageButton?: ReactNode;
}) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      link: e.isActive("link"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
      pull: e.isActive("pullQuote"),
      // Runs on every keystroke: reading the history's depth is far cheaper than a dry run
      // of the undo command through editor.can().
      canUndo: undoDepth(e.state) > 0,
      canRedo: redoDepth(e.state) > 0,
    }),
  });

  function editLink() {
    const current = editor.getAttributes("link").href as string | undefined;
    const url = window.prompt(
      "Link address (https://…), or leave empty to remove the link",
      current ?? "https://",
    );
    if (url === null) return;
    const href = url.trim();
    if (href === "" || href === "https://") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      return;
    }
    if (!isSafeHref(href)) {
      window.alert("Links must be http, https or mailto addresses.");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href }).run();
  }

  function pullQuote() {
    if (s.pull) {
      const current = String(editor.getAttributes("pullQuote").attribution ?? "");
      const attribution = window.prompt(
        "Who said it? (empty to turn back into a paragraph)",
        current,
      );
      if (attribution === null) return;
      if (attribution.trim() === "") editor.chain().focus().setParagraph().run();
      else
        editor
          .chain()
          .focus()
          .updateAttributes("pullQuote", { attribution: attribution.trim() })
          .run();
      return;
    }
    const attribution = window.prompt("Who said it?", "") ?? "";
    editor.chain().focus().setNode("pullQuote", { attribution: attribution.trim() }).run();
  }

  const chain = () => editor.chain().focus();
  const buttons: ToolButton[] = [
    {
      label: "Bold",
      pressed: s.bold,
      run: () => chain().toggleBold().run(),
      shortcut: "Control+B",
    },
    {
      label: "Italic",
      pressed: s.italic,
      run: () => chain().toggleItalic().run(),
      shortcut: "Control+I",
    },
    {
      label: "Underline",
      pressed: s.underline,
      run: () => chain().toggleUnderline().run(),
      shortcut: "Control+U",
    },
    {
      label: "Strikethrough",
      pressed: s.strike,
      run: () => chain().toggleStrike().run(),
      shortcut: "Control+Shift+S",
    },
    { label: "Link", pressed: s.link, run: editLink },
    {
      label: "Heading 2",
      pressed: s.h2,
      run: () => chain().toggleHeading({ level: 2 }).run(),
      shortcut: "Control+Alt+2",
    },
    {
      label: "Heading 3",
      pressed: s.h3,
      run: () => chain().toggleHeading({ level: 3 }).run(),
      shortcut: "Control+Alt+3",
    },
    {
      label: "Bullet list",
      pressed: s.bullet,
      run: () => chain().toggleBulletList().run(),
      shortcut: "Control+Shift+8",
    },
    {
      label: "Numbered list",
      pressed: s.ordered,
      run: () => chain().toggleOrderedList().run(),
      shortcut: "Control+Shift+7",
    },
    {
      label: "Quote",
      pressed: s.quote,
      run: () => chain().toggleBlockquote().run(),
      shortcut: "Control+Shift+B",
    },
    { label: "Pull quote", pressed: s.pull, run: pullQuote },
    { label: "Horizontal rule", run: () => chain().setHorizontalRule().run() },
    { label: "Insert related article", run: onInsertRelated },
    { label: "Undo", run: () => chain().undo().run(), shortcut: "Control+Z", enabled: s.canUndo },
    {
      label: "Redo",
      run: () => chain().redo().run(),
      shortcut: "Control+Shift+Z",
      enabled: s.canRedo,
    },
  ];

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {buttons.map((b) => (
        <button
          key={b.label}
          type="button"
          aria-pressed={b.pressed === undefined ? undefined : b.pressed}
          aria-keyshortcuts={b.shortcut}
          title={b.shortcut ? `${b.label} (${b.shortcut})` : b.label}
          disabled={disabled || b.enabled === false}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            // A caret moved a moment ago may not have reached the editor yet.
            catchUpWithDom(editor.view);
            b.run();
          }}
        >
          {b.label}
        </button>
      ))}
      {imageButton}
    </div>
  );
}
