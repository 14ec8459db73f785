import { stylesheetResponse } from "@/server/reader/pages/machine";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return stylesheetResponse();
}
