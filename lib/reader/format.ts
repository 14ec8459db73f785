/** Dates as readers see them: "27 Nov 2026, 14:05 UTC" (one zone for every reader, stated). */
const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export function formatDateTime(d: Date): string {
  return `${dateTime.format(d)} UTC`;
}

export function formatDate(d: Date): string {
  return dateOnly.format(d);
}

/** "Several authors joined naturally": "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
