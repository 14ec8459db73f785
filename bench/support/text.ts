import type { DocJSON } from "@/lib/content/types";

/**
 * Deterministic news-like text for seeding: a seeded PRNG over a vocabulary of a few hundred
 * words, so searches match some stories and not others and every run gets the same corpus.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const VOCABULARY = (
  "council minister budget election harbour bridge hospital school teachers union strike " +
  "court judge ruling appeal police inquiry report flood storm drought harvest farmers " +
  "market shares bank interest rates inflation prices housing rent tenants landlord " +
  "railway station trains delays airport runway airline pilots fuel energy wind solar " +
  "grid power cuts water supply river pollution climate summit treaty talks ceasefire " +
  "border refugees aid charity volunteers festival museum gallery orchestra theatre " +
  "novel author prize film director premiere football club match league cup final " +
  "coach player transfer stadium fans tickets mayor city hall planning permission " +
  "developer tower park library closure protest march petition vote parliament bill " +
  "amendment senate committee hearing witness evidence fraud bribery scandal resignation " +
  "chief executive profits losses jobs factory plant workers wages pensions retirement " +
  "doctors nurses patients waiting lists vaccine outbreak virus research university " +
  "students fees scholarship exam results science space launch satellite telescope " +
  "discovery fossil excavation archaeologists ancient village coast island ferry port " +
  "shipping containers exports imports tariffs trade deal negotiators deadline talks " +
  "agreement signed leaders announced spokesman confirmed statement officials said " +
  "residents told reporters yesterday morning evening week month year decade record " +
  "highest lowest rise fall increase decrease plan proposal scheme project funding " +
  "million billion pounds dollars euros tax relief spending cuts deficit growth forecast " +
  "survey poll voters campaign candidate rally debate speech promise reform law order " +
  "safety fire crews rescue missing found damaged destroyed rebuilt opened closed " +
  "northern southern eastern western central regional national local international " +
  "government opposition coalition party leader deputy spokesperson analysts experts"
).split(" ");

function words(rand: () => number, n: number): string[] {
  return Array.from({ length: n }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]!);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function headlineText(rand: () => number): string {
  return capital(words(rand, 6 + Math.floor(rand() * 5)).join(" "));
}

export function sentence(rand: () => number, n = 10 + Math.floor(rand() * 14)): string {
  return `${capital(words(rand, n).join(" "))}.`;
}

export function paragraphText(rand: () => number): string {
  return Array.from({ length: 3 + Math.floor(rand() * 3) }, () => sentence(rand)).join(" ");
}

/** A story body of `paragraphs` paragraphs with a pull quote: about 60 words a paragraph. */
export function storyBody(rand: () => number, paragraphs: number): DocJSON {
  const content: DocJSON["content"] = [];
  for (let i = 0; i < paragraphs; i++) {
    content.push({ type: "paragraph", content: [{ type: "text", text: paragraphText(rand) }] });
    if (i === 2) {
      content.push({
        type: "pullQuote",
        attrs: { attribution: "A spokesperson" },
        content: [{ type: "text", text: sentence(rand) }],
      });
    }
  }
  return { type: "doc", content } as DocJSON;
}
