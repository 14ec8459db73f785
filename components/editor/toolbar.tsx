"use client";

import { type Editor, useEditorState } from "@tiptap/react";
import { isSafeHref } from "@/lib/content/urls";

/** The formatting toolbar of UI-CONTRACT.md; each button states whether it is active. */
export function Toolbar({ editor, disabled }: { editor: Editor; disabled: boolean }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      link: e.isActive("link"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
    }),
  });

  function editLink() {
    const current = editor.getAttributes("link").href as string | undefined;
    const url = window.prompt(
      "Link address (https://…, or empty to remove the link)",
      current ?? "https://",
    );
    if (url === null) return;
    if (url.trim() === "" || url.trim() === "https://") {
      editor.chain().focus().extendMarkRange("link").unsetLink().run();
      return;
    }
    if (!isSafeHref(url.trim())) {
      window.alert("Links must be http, https or mailto addresses.");
      return;
    }
    editor.chain().focus().extendMarkRange("link").setLink({ href: url.trim() }).run();
  }

  const buttons: { label: string; pressed: boolean; run: () => void; shortcut?: string }[] = [
    {
      label: "Bold",
      pressed: active.bold,
      run: () => editor.chain().focus().toggleBold().run(),
      shortcut: "Control+B",
    },
    {
      label: "Italic",
      pressed: active.italic,
      run: () => editor.chain().focus().toggleItalic().run(),
      shortcut: "Control+I",
    },
    { label: "Link", pressed: active.link, run: editLink },
    {
      label: "Heading 2",
      pressed: active.h2,
      run: () => editor.chain().focus().toggleHeading({ level: 2 }).run(),
    },
    {
      label: "Heading 3",
      pressed: active.h3,
      run: () => editor.chain().focus().toggleHeading({ level: 3 }).run(),
    },
    {
      label: "Bullet list",
      pressed: active.bullet,
      run: () => editor.chain().focus().toggleBulletList().run(),
    },
    {
      label: "Numbered list",
      pressed: active.ordered,
      run: () => editor.chain().focus().toggleOrderedList().run(),
    },
    {
      label: "Quote",
      pressed: active.quote,
      run: () => editor.chain().focus().toggleBlockquote().run(),
    },
  ];

  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {buttons.map((b) => (
        <button
          key={b.label}
          type="button"
          aria-pressed={b.pressed}
          aria-keyshortcuts={b.shortcut}
          disabled={disabled}
          onMouseDown={(e) => e.preventDefault()}
          onClick={b.run}
        >
          {b.label}
        </button>
      ))}
    </div>
  );
}
