/**
 * Desktop Word puts list items on the clipboard as paragraphs styled
 * `mso-list:l0 level1 lfo1`, with the bullet or number typed out in a `mso-list:Ignore` span.
 * The schema's parse rules would keep them as paragraphs starting with "·" or "1.", so
 * before ProseMirror parses a paste, runs of such paragraphs become real `<ul>`/`<ol>` lists
 * (nested by level) and the typed markers go. Everything else is left to the schema, which
 * drops what it does not know (styles, classes, `<o:p>`, scripts).
 */
export function wordListsToHtmlLists(html: string): string {
  if (!/mso-list/i.test(html)) return html;
  const doc = new DOMParser().parseFromString(html, "text/html");
  const LIST = /mso-list:\s*(l\d+)\s+level(\d+)/i;
  const items = [...doc.querySelectorAll("p[style]")].filter((p) =>
    LIST.test(p.getAttribute("style") ?? ""),
  );
  const handled = new Set<Element>();
  for (const first of items) {
    if (handled.has(first)) continue;
    // A run: consecutive sibling paragraphs that are all Word list items.
    const run: Element[] = [];
    for (
      let node: Element | null = first;
      node && LIST.test(node.getAttribute("style") ?? "");
      node = node.nextElementSibling
    ) {
      run.push(node);
      handled.add(node);
    }
    const root = doc.createElement("div");
    const stack: { list: Element; id: string; ordered: boolean }[] = [];
    for (const p of run) {
      const [, id = "", levelText = "1"] = LIST.exec(p.getAttribute("style") ?? "") ?? [];
      const level = Math.max(1, Math.min(Number(levelText), 6));
      const markers = [...p.querySelectorAll("[style]")].filter((el) =>
        /mso-list:\s*ignore/i.test(el.getAttribute("style") ?? ""),
      );
      const marker = markers
        .map((m) => m.textContent ?? "")
        .join("")
        .trim();
      for (const m of markers) m.remove();
      const ordered = /^[0-9a-z]{1,4}[.)]$/i.test(marker);
      while (stack.length > level) stack.pop();
      const top = stack[stack.length - 1];
      if (top && stack.length === level && (top.id !== id || top.ordered !== ordered)) stack.pop();
      while (stack.length < level) {
        const list = doc.createElement(ordered ? "ol" : "ul");
        const parent = stack[stack.length - 1]?.list.lastElementChild ?? root;
        parent.appendChild(list);
        stack.push({ list, id, ordered });
      }
      const li = doc.createElement("li");
      const para = doc.createElement("p");
      while (p.firstChild) para.appendChild(p.firstChild);
      li.appendChild(para);
      stack[stack.length - 1]!.list.appendChild(li);
    }
    first.before(...root.childNodes);
    for (const p of run) p.remove();
  }
  return doc.body.innerHTML;
}
