// Typing into a 10,000-word story: per-keystroke input-to-paint latency in Chromium.
// Budget (issue 4): p95 ≤ 16 ms. Usage: npm run build && npm run bench:typing
//
// Method. The story is seeded through the app's own commands, a production server runs on a
// fresh embedded database, and Debian's Chromium opens the editor signed in as the reporter.
// The caret goes into the middle of the story and Playwright types real key events (CDP
// Input.dispatchKeyEvent, one every 60 ms, so each is measured on its own and autosave runs
// in the gaps as it would for a person). For each keystroke a capturing `keydown` listener
// reads `event.timeStamp` (when the input was created, on the performance.now() clock, so
// queueing delay counts) and
//   - posts a MessageChannel message, whose task runs once the keystroke's own task is over
//     (keydown, keypress, beforeinput, the DOM change, ProseMirror's transaction, our
//     update handlers): "work", the main-thread time the keystroke costs;
//   - asks for a requestAnimationFrame and posts a message from inside it, which runs only
//     after that frame's style, layout and paint: "input to paint".
// With vsync a frame starts only every 16.7 ms, so input to paint also holds the wait for
// the next frame — 0 to 16.7 ms whatever the editor does, and a p95 near 16 ms even for a
// page with no work at all. By default the browser therefore runs with
// `--disable-gpu-vsync --disable-frame-rate-limit`, so a frame follows the work at once and
// the figure is the editor's own cost to paint; BENCH_VSYNC=1 measures with the 60 Hz
// frame clock instead (report both). The Event Timing API is read as a cross-check: key and
// input entries at or over its 16 ms reporting threshold are counted.
import { editorSession, percentile } from "./support/editor-session";

const WORDS = Number(process.env.BENCH_WORDS ?? 10_000);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 300);
const WARMUP = 20;
const BUDGET_MS = 16;

const VSYNC = process.env.BENCH_VSYNC === "1";

const session = await editorSession(WORDS, {
  browserArgs: VSYNC ? [] : ["--disable-gpu-vsync", "--disable-frame-rate-limit"],
});
try {
  const { page } = session;
  await page.goto(session.editorUrl);
  const body = page.getByRole("textbox", { name: "Article body" });
  await body.waitFor();
  await page
    .getByRole("status")
    .filter({ hasText: /^\s*Saved\s*$/ })
    .waitFor();
  const blocks = await page.locator(".ProseMirror > p").count();
  const middle = page.locator(".ProseMirror > p").nth(Math.floor(blocks / 2));
  await middle.scrollIntoViewIfNeeded();
  await middle.click();
  await page.keyboard.press("End");

  await page.evaluate(() => {
    const w = window as unknown as {
      __latencies: number[];
      __work: number[];
      __slowEvents: number[];
    };
    w.__latencies = [];
    w.__work = [];
    w.__slowEvents = [];
    document.addEventListener(
      "keydown",
      (event) => {
        const start = event.timeStamp;
        const afterTask = new MessageChannel();
        afterTask.port1.onmessage = () => w.__work.push(performance.now() - start);
        afterTask.port2.postMessage(null);
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__latencies.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      true,
    );
    const kinds = new Set(["keydown", "keypress", "beforeinput", "input", "keyup"]);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (kinds.has(entry.name)) w.__slowEvents.push(entry.duration);
      }
    }).observe({ type: "event", durationThreshold: 16 } as PerformanceObserverInit);
  });

  const text = "the reporter adds a sentence in the middle of a long story ";
  let typed = 0;
  const total = WARMUP + KEYSTROKES;
  while (typed < total) {
    const chunk = text.slice(0, Math.min(text.length, total - typed));
    await page.keyboard.type(chunk, { delay: 60 });
    typed += chunk.length;
  }
  await page.waitForTimeout(500);
  const { latencies, work, slow } = await page.evaluate(() => {
    const w = window as unknown as {
      __latencies: number[];
      __work: number[];
      __slowEvents: number[];
    };
    return { latencies: w.__latencies, work: w.__work, slow: w.__slowEvents };
  });
  const samples = latencies.slice(WARMUP);
  const workSamples = work.slice(WARMUP);
  const inDoc = await body.textContent();
  if (!inDoc?.includes(text.trim())) throw new Error("the typed text did not reach the editor");
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  const p99 = percentile(samples, 99);
  const max = Math.max(...samples);
  console.log(
    `typing into a ${WORDS.toLocaleString("en")}-word story, ${samples.length} keystrokes ` +
      `(after ${WARMUP} warm-up), ${VSYNC ? "60 Hz vsync" : "vsync off"}; work: p50 ` +
      `${percentile(workSamples, 50).toFixed(1)} ms, p95 ${percentile(workSamples, 95).toFixed(1)} ms; ` +
      `input to paint: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
      `p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (budget p95 ≤ ${BUDGET_MS} ms: ` +
      `${p95 <= BUDGET_MS ? "met" : "NOT met"})`,
  );
  console.log(
    `Event Timing cross-check: ${slow.length} key/input event entries at or over 16 ms` +
      (slow.length ? ` (longest ${Math.max(...slow)} ms)` : ""),
  );
} finally {
  await session.close();
}
