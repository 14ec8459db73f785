import { formatDateTime } from "@/lib/reader/format";

/** A machine-readable time (`datetime` in ISO 8601) with its human reading. */
export function TimeStamp({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
}
