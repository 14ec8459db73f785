import fs from "node:fs";
import path from "node:path";

/** One budget of issue 5 beside what this run measured. `pass: null` = not measured. */
export type Row = { budget: string; target: string; measured: string; pass: boolean | null };

export class Report {
  readonly rows: Row[] = [];
  readonly figures: Record<string, unknown> = {};
  readonly notes: string[] = [];

  add(row: Row): void {
    this.rows.push(row);
    const mark = row.pass === null ? "—" : row.pass ? "pass" : "FAIL";
    console.log(`  ${mark.padEnd(4)}  ${row.budget}: ${row.measured} (budget ${row.target})`);
  }

  note(line: string): void {
    this.notes.push(line);
    console.log(`  note: ${line}`);
  }

  table(): string {
    const head = ["budget", "target", "measured", "result"];
    const body = this.rows.map((r) => [
      r.budget,
      r.target,
      r.measured,
      r.pass === null ? "not measured" : r.pass ? "pass" : "FAIL",
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    const line = (cells: string[]) =>
      `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
  }

  write(file: string, extra: Record<string, unknown>): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `${JSON.stringify({ ...extra, rows: this.rows, figures: this.figures, notes: this.notes }, null, 2)}\n`,
    );
  }
}

export const fmt = {
  rps: (n: number) => `${n.toLocaleString("en")} req/s`,
  ms: (n: number) => `${Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : "?"} ms`,
  pct: (n: number) => `${(n * 100).toFixed(1)}%`,
  kb: (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`,
};
