import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  articles,
  corrections,
  notifications,
  publishedArticles,
  workflowEvents,
} from "@/db/schema";
import { createAssignment } from "@/server/articles/commands/create-assignment";
import { claimEditLock } from "@/server/articles/commands/edit-lock";
import { saveArticle } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import { publishDueStories } from "@/server/articles/scheduler";
import type { TransitionName } from "@/server/articles/workflow";
import { db } from "@/server/db";
import { addNote } from "@/server/notes/add-note";
import {
  advance,
  doc,
  liveCopy,
  makeUser,
  ok,
  sectionId,
  storyState,
  type TestUser,
  workingRevision,
  writeStory,
} from "../support/fixtures";

/**
 * Issue 3's workflow: every state × every transition × every role, written out here
 * independently of server/articles/workflow.ts, so a change to the state machine that was
 * not meant shows up as a failing cell.
 */
type State =
  | "draft"
  | "in_review"
  | "changes_requested"
  | "approved"
  | "scheduled"
  | "published"
  | "published+editing"
  | "published+in_review"
  | "unpublished"
  | "spiked";
type Who = "owner" | "otherReporter" | "editor";

const ALLOWED: Record<TransitionName, { from: State[]; roles: Who[] }> = {
  submit: { from: ["draft", "changes_requested"], roles: ["owner", "editor"] },
  withdraw: { from: ["in_review"], roles: ["owner", "editor"] },
  requestChanges: { from: ["in_review", "approved", "scheduled"], roles: ["editor"] },
  approve: { from: ["in_review"], roles: ["editor"] },
  schedule: { from: ["approved", "scheduled"], roles: ["editor"] },
  cancelSchedule: { from: ["scheduled"], roles: ["editor"] },
  publish: { from: ["approved", "scheduled", "unpublished"], roles: ["editor"] },
  submitUpdate: { from: ["published+editing"], roles: ["owner", "editor"] },
  requestUpdateChanges: { from: ["published+in_review"], roles: ["editor"] },
  publishUpdate: { from: ["published+editing", "published+in_review"], roles: ["editor"] },
  discardUpdate: { from: ["published+editing", "published+in_review"], roles: ["owner", "editor"] },
  unpublish: {
    from: ["published", "published+editing", "published+in_review"],
    roles: ["editor"],
  },
  spike: {
    from: ["draft", "in_review", "changes_requested", "approved", "scheduled"],
    roles: ["editor"],
  },
  restore: { from: ["spiked"], roles: ["editor"] },
};

const STATES: State[] = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
  "published",
  "published+editing",
  "published+in_review",
  "unpublished",
  "spiked",
];

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

let owner: TestUser;
let otherReporter: TestUser;
let editor: TestUser;
const people = () => ({ owner, otherReporter, editor });

beforeAll(async () => {
  owner = await makeUser("reporter");
  otherReporter = await makeUser("reporter");
  editor = await makeUser("editor");
});

function baseStatus(state: State) {
  return state.split("+")[0] as Exclude<State, `${string}+${string}`>;
}

/** A fresh story by `owner`, brought to `state` through the real commands. */
async function storyIn(state: State): Promise<string> {
  const { id } = await writeStory(owner);
  const submit = { name: "submit" as const, as: owner };
  const approve = { name: "approve" as const, as: editor };
  const publish = { name: "publish" as const, as: editor };
  const paths: Record<State, { name: TransitionName; as: TestUser }[]> = {
    draft: [],
    in_review: [submit],
    changes_requested: [submit, { name: "requestChanges", as: editor }],
    approved: [submit, approve],
    scheduled: [submit, approve],
    published: [submit, approve, publish],
    "published+editing": [submit, approve, publish],
    "published+in_review": [submit, approve, publish],
    unpublished: [submit, approve, publish, { name: "unpublish", as: editor }],
    spiked: [{ name: "spike", as: editor }],
  };
  await advance(id, paths[state]);
  if (state === "scheduled") {
    ok(
      await TRANSITION_COMMANDS.schedule.execute(editor.claims, {
        id,
        fromStatus: "approved",
        publishAt: inAnHour(),
      }),
    );
  }
  if (state.startsWith("published+")) {
    await editAs(owner, id, "An update to the live story.");
    if (state === "published+in_review") {
      ok(
        await TRANSITION_COMMANDS.submitUpdate.execute(owner.claims, {
          id,
          fromStatus: "published",
        }),
      );
    }
  }
  return id;
}

async function editAs(who: TestUser, id: string, text: string) {
  const state = await storyState(id);
  const working = await workingRevision(id);
  return saveArticle.execute(who.claims, {
    id,
    baseVersion: state.version,
    headline: working.headline,
    standfirst: working.standfirst,
    dateline: working.dateline,
    source: working.source,
    sectionId: working.sectionId,
    body: doc("First paragraph of the story.", text),
  });
}

function inputFor(name: TransitionName, id: string, state: State) {
  return {
    id,
    fromStatus: baseStatus(state),
    note: name === "requestChanges" || name === "requestUpdateChanges" ? "Please fix." : "",
    ...(name === "schedule" ? { publishAt: inAnHour() } : {}),
  };
}

describe("the full transition table", () => {
  for (const state of STATES) {
    it(`from ${state}: each role may fire exactly what the table allows`, async () => {
      // Refusals change nothing, so one story serves every refused cell of this state.
      const shared = await storyIn(state);
      for (const name of Object.keys(ALLOWED) as TransitionName[]) {
        for (const who of ["owner", "otherReporter", "editor"] as Who[]) {
          const allowed = ALLOWED[name].from.includes(state) && ALLOWED[name].roles.includes(who);
          const cell = `${state} × ${name} × ${who}`;
          if (!allowed) {
            const before = await storyState(shared);
            const result = await TRANSITION_COMMANDS[name].execute(
              people()[who].claims,
              inputFor(name, shared, state),
            );
            expect(result.ok, cell).toBe(false);
            if (!result.ok) {
              // A reporter never holding the permission is refused before the story is
              // looked at (403); one who may hold it but not see this story gets a 404.
              const expected =
                who === "otherReporter"
                  ? ["not_found", "forbidden"]
                  : ["forbidden", "stale_state", "invalid"];
              expect(expected, `${cell}: ${result.error.code}`).toContain(result.error.code);
            }
            expect(await storyState(shared), cell).toEqual(before);
          } else {
            const id = await storyIn(state);
            const result = await TRANSITION_COMMANDS[name].execute(
              people()[who].claims,
              inputFor(name, id, state),
            );
            expect(result.ok, `${cell}: ${result.ok ? "" : result.error.message}`).toBe(true);
            const [last] = (
              await (
                await db()
              )
                .select()
                .from(workflowEvents)
                .where(eq(workflowEvents.articleId, id))
                .orderBy(workflowEvents.id)
            ).slice(-1);
            expect(last?.actorId, cell).toBe(people()[who].id);
            expect(last?.fromStatus, cell).toBe(baseStatus(state));
          }
        }
      }
    });
  }
});

describe("concurrent transitions", () => {
  it("an editor approving while another requests changes: exactly one wins", async () => {
    const id = await storyIn("in_review");
    const second = await makeUser("editor");
    const results = await Promise.all([
      TRANSITION_COMMANDS.approve.execute(editor.claims, { id, fromStatus: "in_review" }),
      TRANSITION_COMMANDS.requestChanges.execute(second.claims, {
        id,
        fromStatus: "in_review",
        note: "Not yet.",
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser && !loser.ok && loser.error.code).toBe("stale_state");
  });
});

describe("scheduled publishing", () => {
  it("4 concurrent workers publish 100 due stories exactly once each, notifying once", async () => {
    const database = await db();
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(await storyIn("approved"));
    const soon = new Date(Date.now() + 60_000).toISOString();
    for (const id of ids) {
      ok(
        await TRANSITION_COMMANDS.schedule.execute(editor.claims, {
          id,
          fromStatus: "approved",
          publishAt: soon,
        }),
      );
    }
    // Embargoed: nothing of them is readable before the time.
    for (const id of ids) expect(await liveCopy(id)).toBeUndefined();
    expect(await publishDueStories(new Date())).toBe(0);

    const at = new Date(Date.now() + 120_000);
    const counts = await Promise.all([1, 2, 3, 4].map(() => publishDueStories(at, 1000)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(await publishDueStories(at)).toBe(0);

    for (const id of ids) {
      const [row] = await database.select().from(articles).where(eq(articles.id, id));
      expect(row?.status).toBe("published");
      expect(await liveCopy(id)).toBeDefined();
      const [events] = await database
        .select({ n: count() })
        .from(workflowEvents)
        .where(and(eq(workflowEvents.articleId, id), eq(workflowEvents.action, "published")));
      expect(events?.n).toBe(1);
      const [sent] = await database
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.articleId, id), eq(notifications.kind, "published")));
      expect(sent?.n).toBe(1);
    }
  });

  it("a cancelled or moved schedule does not fire at the old time", async () => {
    const cancelled = await storyIn("scheduled");
    const moved = await storyIn("scheduled");
    ok(
      await TRANSITION_COMMANDS.cancelSchedule.execute(editor.claims, {
        id: cancelled,
        fromStatus: "scheduled",
      }),
    );
    const later = new Date(Date.now() + 10 * 3_600_000).toISOString();
    ok(
      await TRANSITION_COMMANDS.schedule.execute(editor.claims, {
        id: moved,
        fromStatus: "scheduled",
        publishAt: later,
      }),
    );
    await publishDueStories(new Date(Date.now() + 2 * 3_600_000));
    expect((await storyState(cancelled)).status).toBe("approved");
    expect((await storyState(moved)).status).toBe("scheduled");
    expect(await liveCopy(moved)).toBeUndefined();
  });

  it("refuses a time in the past", async () => {
    const id = await storyIn("approved");
    const result = await TRANSITION_COMMANDS.schedule.execute(editor.claims, {
      id,
      fromStatus: "approved",
      publishAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(result.ok).toBe(false);
    expect((await storyState(id)).status).toBe("approved");
  });
});

describe("updating a live story", () => {
  it("keeps the published revision public until an editor publishes the update, with a correction", async () => {
    const id = await storyIn("published");
    const live = await liveCopy(id);
    ok(await editAs(owner, id, "A reporter's change."));
    expect((await storyState(id)).status).toBe("published");
    expect((await liveCopy(id))?.revisionId).toBe(live?.revisionId);
    // The reporter's update goes back through review.
    const direct = await TRANSITION_COMMANDS.publishUpdate.execute(owner.claims, {
      id,
      fromStatus: "published",
    });
    expect(direct.ok).toBe(false);
    ok(
      await TRANSITION_COMMANDS.submitUpdate.execute(owner.claims, { id, fromStatus: "published" }),
    );
    expect((await editAs(owner, id, "More while in review")).ok).toBe(false);
    ok(
      await TRANSITION_COMMANDS.publishUpdate.execute(editor.claims, {
        id,
        fromStatus: "published",
        correction: { kind: "correction", note: "An earlier version misspelt a name." },
      }),
    );
    const updated = await liveCopy(id);
    expect(updated?.revisionId).not.toBe(live?.revisionId);
    expect(updated?.bodyText).toContain("A reporter's change.");
    expect(updated!.updatedAt.getTime()).toBeGreaterThanOrEqual(updated!.publishedAt.getTime());
    const rows = await (await db()).select().from(corrections).where(eq(corrections.articleId, id));
    expect(rows.map((r) => [r.kind, r.note])).toEqual([
      ["correction", "An earlier version misspelt a name."],
    ]);
  });

  it("discarding an update restores the live text to the working copy", async () => {
    const id = await storyIn("published+editing");
    ok(
      await TRANSITION_COMMANDS.discardUpdate.execute(owner.claims, {
        id,
        fromStatus: "published",
      }),
    );
    expect((await workingRevision(id)).bodyText).toBe((await liveCopy(id))?.bodyText);
  });
});

describe("unpublish and spike", () => {
  it("unpublish removes the reader copy; republishing brings it back", async () => {
    const id = await storyIn("published");
    ok(await TRANSITION_COMMANDS.unpublish.execute(editor.claims, { id, fromStatus: "published" }));
    expect(await liveCopy(id)).toBeUndefined();
    ok(await TRANSITION_COMMANDS.publish.execute(editor.claims, { id, fromStatus: "unpublished" }));
    expect(await liveCopy(id)).toBeDefined();
  });

  it("a spiked story cannot be edited until restored", async () => {
    const id = await storyIn("spiked");
    expect((await editAs(editor, id, "x")).ok).toBe(false);
    ok(await TRANSITION_COMMANDS.restore.execute(editor.claims, { id, fromStatus: "spiked" }));
    ok(await editAs(owner, id, "Back to work."));
  });
});

describe("assignments, notes, notifications and soft locks", () => {
  it("an assignment is a draft bylined to the reporter, who is told", async () => {
    const result = ok(
      await createAssignment.execute(editor.claims, {
        headline: "Cover the harbour vote",
        sectionId: await sectionId("business"),
        assigneeId: owner.id,
        deadline: "2031-01-01T09:00",
        brief: "Quotes from both sides.",
      }),
    );
    const state = await storyState(result.id);
    expect(state.status).toBe("draft");
    const mine = await (await db())
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.id), eq(notifications.articleId, result.id)));
    expect(mine).toHaveLength(1);
    // Reporters cannot assign.
    const refused = await createAssignment.execute(owner.claims, {
      headline: "Nope",
      sectionId: await sectionId("business"),
      assigneeId: owner.id,
      deadline: "2031-01-01T09:00",
    });
    expect(refused.ok).toBe(false);
  });

  it("submitting tells the editors; the request-changes note lands in the thread", async () => {
    const id = await storyIn("in_review");
    const told = await (await db())
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, editor.id), eq(notifications.articleId, id)));
    expect(told.map((n) => n.kind)).toContain("submitted");
    const stranger = await addNote.execute(otherReporter.claims, { id, body: "Hi" });
    expect(stranger.ok || stranger.error.code).toBe("not_found");
    ok(await addNote.execute(owner.claims, { id, body: "Source confirmed by phone." }));
  });

  it("a soft lock names the holder and can be taken over; saving is never blocked", async () => {
    const id = await storyIn("draft");
    expect(ok(await claimEditLock.execute(owner.claims, { id })).mine).toBe(true);
    const seen = ok(await claimEditLock.execute(editor.claims, { id }));
    expect(seen.mine).toBe(false);
    expect(seen.holder).toBeTruthy();
    ok(await editAs(editor, id, "Editor types while the reporter holds the lock."));
    expect(ok(await claimEditLock.execute(editor.claims, { id, takeOver: true })).mine).toBe(true);
    expect(ok(await claimEditLock.execute(owner.claims, { id })).mine).toBe(false);
    const told = await (await db())
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, owner.id), eq(notifications.kind, "lock_taken_over")));
    expect(told.length).toBeGreaterThan(0);
  });
});

describe("embargo", () => {
  it("a scheduled story has no reader row at all until its time", async () => {
    const id = await storyIn("scheduled");
    const rows = await (await db())
      .select()
      .from(publishedArticles)
      .where(eq(publishedArticles.articleId, id));
    expect(rows).toHaveLength(0);
  });
});
