import { beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "@/server/articles/commands/create-article";
import { saveArticle } from "@/server/articles/commands/save-article";
import { TRANSITION_COMMANDS } from "@/server/articles/commands/transitions";
import {
  TRANSITION_NAMES,
  TRANSITIONS,
  type Transition,
  type TransitionName,
} from "@/server/articles/workflow";
import {
  eventsOf,
  liveCopy,
  makeUser,
  ok,
  sectionId,
  storyAt,
  storyState,
  type TestUser,
} from "../support/fixtures";

/**
 * THREATS 7: every (from-state, transition, role). The expected answers are written out here
 * and cross-checked against TRANSITIONS, so the test and the state machine must agree.
 */
const STATES = [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "published",
  "unpublished",
] as const;
type State = (typeof STATES)[number];

/** The foundation's transitions (issue 2); later issues add more, tested where they land. */
type Foundation = Extract<
  TransitionName,
  "submit" | "requestChanges" | "approve" | "publish" | "unpublish"
>;
const EXPECTED_FROM: Record<Foundation, { from: State[]; to: State; audit: string }> = {
  submit: { from: ["draft", "changes_requested"], to: "in_review", audit: "submitted" },
  requestChanges: {
    from: ["in_review", "approved"],
    to: "changes_requested",
    audit: "changes_requested",
  },
  approve: { from: ["in_review"], to: "approved", audit: "approved" },
  publish: { from: ["approved", "unpublished"], to: "published", audit: "published" },
  unpublish: { from: ["published"], to: "unpublished", audit: "unpublished" },
};

/** Which transitions each role may fire on a story it may see. */
const ROLE_MAY: Record<"reporterOwner" | "editor", Foundation[]> = {
  reporterOwner: ["submit"],
  editor: ["submit", "requestChanges", "approve", "publish", "unpublish"],
};

let reporter: TestUser;
let editor: TestUser;
let secondEditor: TestUser;

beforeAll(async () => {
  reporter = await makeUser("reporter");
  editor = await makeUser("editor");
  secondEditor = await makeUser("editor");
});

const FOUNDATION = Object.keys(EXPECTED_FROM) as Foundation[];

describe("the state machine", () => {
  it("agrees with this test on the foundation transitions between the six states tested here", () => {
    for (const name of FOUNDATION) {
      const t: Transition = TRANSITIONS[name];
      expect(t, `transition ${name} exists`).toBeDefined();
      const from = t.from.filter((s): s is State => (STATES as readonly string[]).includes(s));
      expect({ from: [...from].sort(), to: t.to, audit: t.audit }, name).toEqual({
        ...EXPECTED_FROM[name],
        from: [...EXPECTED_FROM[name].from].sort(),
      });
    }
  });

  it("has a command for every transition it lists", () => {
    const missing = TRANSITION_NAMES.filter((name) => !TRANSITION_COMMANDS[name]);
    expect(missing).toEqual([]);
  });
});

describe.each(STATES)("from %s", (from) => {
  for (const role of ["reporterOwner", "editor"] as const) {
    for (const name of FOUNDATION) {
      const { to, audit } = EXPECTED_FROM[name];
      const allowedByMachine = EXPECTED_FROM[name].from.includes(from);
      const allowedForRole = ROLE_MAY[role].includes(name);
      const expected = !allowedForRole ? "forbidden" : allowedByMachine ? "ok" : "stale_state";
      const title =
        expected === "ok"
          ? `${role} may ${name}: ${from} → ${to}, with one audit row`
          : `${role} may not ${name} (${expected}); the story stays ${from}`;

      it(title, async () => {
        const actor = role === "editor" ? editor : reporter;
        const story = await storyAt(from, reporter, editor);
        const before = await storyState(story.id);
        const eventsBefore = await eventsOf(story.id);

        const result = await TRANSITION_COMMANDS[name].execute(actor.claims, {
          id: story.id,
          fromStatus: from,
          note: "A note for the reporter.",
        });

        expect(result.ok ? "ok" : result.error.code, JSON.stringify(result)).toBe(expected);
        const after = await storyState(story.id);
        const events = await eventsOf(story.id);
        if (expected !== "ok") {
          expect(after).toEqual(before);
          expect(events).toEqual(eventsBefore);
          return;
        }
        expect(after.status).toBe(to);
        expect(after.version).toBe(before.version);
        expect(events).toHaveLength(eventsBefore.length + 1);
        const row = events.at(-1)!;
        expect(row).toMatchObject({
          action: audit,
          fromStatus: from,
          toStatus: to,
          actorId: actor.id,
          articleId: story.id,
          note: "A note for the reporter.",
        });
        if (to === "published") {
          const live = await liveCopy(story.id);
          expect(live?.revisionId).toBe(after.workingRevisionId);
          expect(after.publishedRevisionId).toBe(after.workingRevisionId);
          expect(after.lastPublishedAt).not.toBeNull();
        } else if (to === "unpublished") {
          expect(await liveCopy(story.id)).toBeUndefined();
        } else {
          expect(after.live).toEqual(before.live);
        }
      });
    }
  }
});

describe("refusals that change nothing", () => {
  it("a fromStatus that is not the current status is stale_state, for every transition", async () => {
    const story = await storyAt("in_review", reporter, editor);
    const before = await storyState(story.id);
    for (const name of FOUNDATION) {
      for (const seen of STATES.filter((s) => s !== "in_review")) {
        const result = await TRANSITION_COMMANDS[name].execute(editor.claims, {
          id: story.id,
          fromStatus: seen,
          note: "note",
        });
        expect(result.ok ? "ok" : result.error.code, `${name} from ${seen}`).toBe("stale_state");
        if (!result.ok) expect(result.error.message).toContain("In review");
      }
    }
    expect(await storyState(story.id)).toEqual(before);
  });

  it("a fromStatus that is not a state at all is invalid", async () => {
    const story = await storyAt("approved", reporter, editor);
    const before = await storyState(story.id);
    for (const fromStatus of ["live", "", 3, null, "APPROVED"]) {
      const result = await TRANSITION_COMMANDS.publish.execute(editor.claims, {
        id: story.id,
        fromStatus,
      });
      expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    }
    expect(await storyState(story.id)).toEqual(before);
  });

  it("two editors publishing the same approved story at once: exactly one succeeds, one audit row", async () => {
    const story = await storyAt("approved", reporter, editor);
    const input = { id: story.id, fromStatus: "approved" };

    const results = await Promise.all([
      TRANSITION_COMMANDS.publish.execute(editor.claims, input),
      TRANSITION_COMMANDS.publish.execute(secondEditor.claims, input),
    ]);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: "stale_state" } });
    const published = (await eventsOf(story.id)).filter((e) => e.action === "published");
    expect(published).toHaveLength(1);
    expect((await storyState(story.id)).status).toBe("published");
    expect(await liveCopy(story.id)).toBeDefined();
  });

  it("request changes without a note is invalid (blank notes too)", async () => {
    const story = await storyAt("in_review", reporter, editor);
    const before = await storyState(story.id);
    for (const note of [undefined, "", "   \n\t "]) {
      const result = await TRANSITION_COMMANDS.requestChanges.execute(editor.claims, {
        id: story.id,
        fromStatus: "in_review",
        ...(note === undefined ? {} : { note }),
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: "invalid", fields: { note: expect.any(String) } },
      });
    }
    expect(await storyState(story.id)).toEqual(before);
  });

  it("submitting a story with no body text is invalid", async () => {
    const story = ok(
      await createArticle.execute(reporter.claims, {
        headline: "Nothing written yet",
        sectionId: await sectionId(),
        body: { type: "doc", content: [{ type: "paragraph" }] },
      }),
    );
    const before = await storyState(story.id);

    const result = await TRANSITION_COMMANDS.submit.execute(reporter.claims, {
      id: story.id,
      fromStatus: "draft",
    });

    expect(result).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await storyState(story.id)).toEqual(before);
    // Once there is text, the same submit goes through.
    ok(
      await saveArticle.execute(reporter.claims, {
        id: story.id,
        baseVersion: 1,
        headline: "Something written now",
        sectionId: await sectionId(),
        body: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }],
        },
      }),
    );
    const retry = await TRANSITION_COMMANDS.submit.execute(reporter.claims, {
      id: story.id,
      fromStatus: "draft",
    });
    expect(retry).toMatchObject({ ok: true, data: { status: "in_review" } });
  });

  it("a reporter may resubmit after changes are requested, and then has no further control", async () => {
    const story = await storyAt("changes_requested", reporter, editor);
    const requested = (await eventsOf(story.id)).find((e) => e.action === "changes_requested");
    expect(requested?.note).toBeTruthy();
    ok(
      await TRANSITION_COMMANDS.submit.execute(reporter.claims, {
        id: story.id,
        fromStatus: "changes_requested",
      }),
    );
    const approve = await TRANSITION_COMMANDS.approve.execute(reporter.claims, {
      id: story.id,
      fromStatus: "in_review",
    });
    expect(approve).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await storyState(story.id)).status).toBe("in_review");
  });
});
