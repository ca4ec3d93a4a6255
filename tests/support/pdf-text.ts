import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A PDF's text as a reader's viewer extracts it: per page, each drawn line as one string. */
export type PdfText = {
  /** Per page, its drawn lines top to bottom; cells on one baseline joined by " | ". */
  pages: string[][];
  /** Per page, each piece of text as drawn (one per drawText call: one line of one cell). */
  items: string[][];
  title: string | undefined;
};

/** Reads a PDF the way a viewer does (Mozilla's PDF.js), through the fonts' Unicode maps. */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  // PDF.js takes ownership of the buffer it is given; hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: string[][] = [];
    const items: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      // Items on one baseline are one drawn line, read left to right (a table row's cells are separate items).
      const lines = new Map<number, { x: number; str: string }[]>();
      const drawn: string[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        drawn.push(item.str);
        const y = Math.round(item.transform[5]);
        lines.set(y, [...(lines.get(y) ?? []), { x: item.transform[4], str: item.str }]);
      }
      items.push(drawn);
      pages.push(
        [...lines.entries()]
          .sort((a, b) => b[0] - a[0])
          .map(([, parts]) =>
            parts
              .sort((a, b) => a.x - b.x)
              .map((p) => p.str)
              .join(' | '),
          ),
      );
    }
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: string }).Title;
    return { pages, items, title };
  } finally {
    await doc.destroy();
  }
}

/** Every word of a text, split at white space and the table's cell separator. */
export function words(text: string): string[] {
  return text.split(/[\s|]+/).filter(Boolean);
}

/**
 * The drawn pieces that, read in order, spell `text` word for word (other pieces may come between them, as
 * the cells of a table row do). Null when the text is not there whole: a word cut, missing or out of order.
 */
export function piecesOf(items: string[], text: string): string[] | null {
  const expected = words(text);
  const pieces: string[] = [];
  let at = 0;
  for (const item of items) {
    const got = words(item);
    if (got.length === 0 || at + got.length > expected.length) continue;
    if (got.every((w, i) => w === expected[at + i])) {
      pieces.push(item);
      at += got.length;
    }
    if (at === expected.length) return pieces;
  }
  return null;
}
