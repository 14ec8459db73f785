// Progressive enhancement of the comment form (comment-form.tsx). Without this script the
// form posts normally and the server redirects back with the outcome. With it, the same
// fields go by fetch, the answer (JSON) is shown in the form's live regions, and the text
// typed stays where it is when the post is refused. Served by /assets/comments.js.
(() => {
  const form = document.getElementById("comment-form");
  const status = document.getElementById("comment-form-status");
  const problem = document.getElementById("comment-form-error");
  if (!(form instanceof HTMLFormElement) || !status || !problem || !window.fetch) return;
  let busy = false;

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    form.setAttribute("aria-busy", "true");
    status.textContent = "";
    problem.textContent = "";
    for (const element of form.querySelectorAll("[aria-invalid]")) {
      element.removeAttribute("aria-invalid");
    }
    const body = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string") body.append(key, value);
    }
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { accept: "application/json" },
        body,
        credentials: "same-origin",
      });
      const answer = await response.json().catch(() => null);
      if (response.ok && answer?.ok) {
        const comment = form.elements.namedItem("body");
        if (comment instanceof HTMLTextAreaElement) comment.value = "";
        status.textContent = answer.message;
        return;
      }
      problem.textContent = answer?.message || form.dataset.errorMessage || "";
      const field = answer?.field ? form.elements.namedItem(answer.field) : null;
      if (field instanceof HTMLElement) {
        field.setAttribute("aria-invalid", "true");
        field.focus();
      }
    } catch {
      problem.textContent = form.dataset.offlineMessage || "";
    } finally {
      busy = false;
      form.removeAttribute("aria-busy");
    }
  });
})();
