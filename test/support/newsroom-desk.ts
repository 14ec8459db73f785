import { type ActionResult, HttpError, type NewsroomClient, storyBody } from "./newsroom-client";

/**
 * A busy desk: editors saving and publishing stories over HTTP as fast as the server lets
 * them, recording every write the server acknowledged. What was acknowledged is what a
 * fault must not lose (see checkAcknowledged in story-invariants.ts).
 */

export type AckedSave = {
  articleId: string;
  revisionId: string;
  version: number;
  headline: string;
};
export type AckedTransition = { articleId: string; action: string; status: string };

export type DeskLog = {
  articles: string[];
  saves: AckedSave[];
  transitions: AckedTransition[];
  /** Requests that got no answer or a failure (expected while a fault is injected). */
  failures: { action: string; error: string; at: number }[];
  /** Requests the server answered with a refusal (code), e.g. "unavailable" while it is down. */
  refusals: { action: string; code: string; at: number }[];
  /** Requests in flight right now, by action name. */
  inFlight: Map<number, string>;
};

export function newDeskLog(): DeskLog {
  return {
    articles: [],
    saves: [],
    transitions: [],
    failures: [],
    refusals: [],
    inFlight: new Map(),
  };
}

let requestSeq = 0;

async function call<T>(
  log: DeskLog,
  client: NewsroomClient,
  name: string,
  input: unknown,
): Promise<ActionResult<T> | null> {
  const id = ++requestSeq;
  log.inFlight.set(id, name);
  try {
    const result = await client.action<T>(name, input);
    if (!result.ok) log.refusals.push({ action: name, code: result.error.code, at: Date.now() });
    return result;
  } catch (error) {
    log.failures.push({
      action: name,
      error: error instanceof HttpError ? `HTTP ${error.status}` : String(error),
      at: Date.now(),
    });
    return null;
  } finally {
    log.inFlight.delete(id);
  }
}

/** Creates `count` stories (must succeed) and returns their ids, recording them. */
export async function createStories(
  log: DeskLog,
  client: NewsroomClient,
  sectionId: string,
  count: number,
  label = "Desk",
): Promise<{ id: string; version: number }[]> {
  const created = [];
  for (let i = 0; i < count; i++) {
    const story = await client.ok<{ id: string; version: number }>("createArticle", {
      headline: `${label} story ${i + 1}`,
      sectionId,
      body: storyBody(`First draft of ${label.toLowerCase()} story ${i + 1}.`),
    });
    log.articles.push(story.id);
    created.push(story);
  }
  return created;
}

type StoryState = { id: string; version: number; status: string; sectionId: string };

/**
 * One editor working one story until `until()` says stop: save, and every other save move it
 * along (submit, approve, publish; then publish updates, sometimes unpublish and republish).
 * After a failed request it re-reads the story (the server decides what really happened).
 */
export async function workStory(
  log: DeskLog,
  client: NewsroomClient,
  story: StoryState,
  until: () => boolean,
  options: { pauseMs?: number } = {},
): Promise<void> {
  let round = 0;
  const transition = async (name: string, action: string) => {
    const result = await call<{ status: string }>(log, client, name, {
      id: story.id,
      fromStatus: story.status,
    });
    if (result?.ok) {
      story.status = result.data.status;
      log.transitions.push({ articleId: story.id, action, status: story.status });
      return true;
    }
    return false;
  };
  const refresh = async () => {
    const view = await call<{ version: number; status: string }>(log, client, "loadEditorView", {
      id: story.id,
    });
    if (view?.ok) {
      story.version = view.data.version;
      story.status = view.data.status;
    }
  };

  while (!until()) {
    round++;
    const headline = `Story ${story.id.slice(0, 8)} take ${round}`;
    const saved = await call<{ version: number; revisionId: string }>(log, client, "saveArticle", {
      id: story.id,
      baseVersion: story.version,
      kind: round % 2 ? "autosave" : "manual",
      headline,
      sectionId: story.sectionId,
      body: storyBody(`Take ${round} of the story, typed at ${new Date().toISOString()}.`),
    });
    if (saved?.ok) {
      story.version = saved.data.version;
      log.saves.push({
        articleId: story.id,
        revisionId: saved.data.revisionId,
        version: saved.data.version,
        headline,
      });
    } else {
      await refresh();
      continue;
    }
    if (until()) break;
    if (round % 2 === 0) {
      let moved = true;
      if (story.status === "draft") {
        moved =
          (await transition("submitArticle", "submitted")) &&
          (await transition("approveArticle", "approved")) &&
          (await transition("publishArticle", "published"));
      } else if (story.status === "published" && round % 6 === 0) {
        moved =
          (await transition("unpublishArticle", "unpublished")) &&
          (await transition("publishArticle", "published"));
      } else if (story.status === "published") {
        moved = await transition("publishUpdateArticle", "update_published");
      } else if (story.status === "unpublished" || story.status === "approved") {
        moved = await transition("publishArticle", "published");
      } else if (story.status === "in_review") {
        moved = await transition("approveArticle", "approved");
      }
      if (!moved) await refresh();
    }
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}
