/** A replacement of the original text between two offsets: what every fix is made of. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export function replace(start: number, end: number, newText: string): OffsetEdit {
  return { start, end, newText };
}

export function insert(at: number, newText: string): OffsetEdit {
  return { start: at, end: at, newText };
}

/**
 * Sorts edits, drops exact duplicates and merges edits that touch (a deletion that ends where an
 * insertion starts), so that clients never see two edits at one position. Undefined when two edits
 * overlap: the fix is then not offered rather than applied in an order no one chose.
 */
export function normalizeEdits(edits: readonly OffsetEdit[]): OffsetEdit[] | undefined {
  // Stable sort: insertions at one position keep the order they were given in.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: OffsetEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === e.end && last.newText === e.newText && e.start !== e.end) continue;
    if (last && e.start < last.end) return undefined;
    if (last && e.start === last.end) {
      out[out.length - 1] = { start: last.start, end: e.end, newText: last.newText + e.newText };
      continue;
    }
    out.push(e);
  }
  return out.filter((e) => e.start !== e.end || e.newText !== '');
}
