"use client";

import * as actions from "@/app/(newsroom)/newsroom/actions";
import type { TransitionButton } from "@/server/articles/queries/editor-view";
import type { Result } from "@/server/errors";

type TransitionAction = (input: unknown) => Promise<Result<unknown>>;

/** The server action behind each workflow button (each is its own checked command). */
export const TRANSITION_ACTIONS: Record<TransitionButton["name"], TransitionAction> = {
  submit: actions.submitArticle,
  withdraw: actions.withdrawArticle,
  requestChanges: actions.requestChangesArticle,
  approve: actions.approveArticle,
  schedule: actions.scheduleArticle,
  cancelSchedule: actions.cancelScheduleArticle,
  publish: actions.publishArticle,
  submitUpdate: actions.submitUpdateArticle,
  requestUpdateChanges: actions.requestUpdateChangesArticle,
  publishUpdate: actions.publishUpdateArticle,
  discardUpdate: actions.discardUpdateArticle,
  unpublish: actions.unpublishArticle,
  spike: actions.spikeArticle,
  restore: actions.restoreArticle,
};

export type TransitionExtras = {
  note?: string;
  publishAt?: string;
  correction?: { kind: "correction" | "clarification" | "update"; note: string };
};
