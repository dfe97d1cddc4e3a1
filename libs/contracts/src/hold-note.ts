/**
 * A hold note carries the context forward in three parts, so nobody has to ask the customer
 * again: why the ticket waits, what was done, what comes next. The console asks for the three
 * and the API requires them, given as `why`, `done` and `next` or as a note with the three
 * labelled lines the console writes.
 */

export interface HoldNoteParts {
  why: string;
  done: string;
  next: string;
}

export const HOLD_NOTE_LABELS: Record<keyof HoldNoteParts, string> = {
  why: 'Why on hold',
  done: 'What was done',
  next: 'What is next',
};

/** What each missing part asks for, as the form and the API's 400 say it. */
export const HOLD_PART_REQUIRED: Record<keyof HoldNoteParts, string> = {
  why: 'say why the ticket is on hold',
  done: 'say what was done so far',
  next: 'say what is next',
};

const PARTS = Object.keys(HOLD_NOTE_LABELS) as Array<keyof HoldNoteParts>;

/** One note from the three parts, one labelled line each (empty parts left out). */
export function composeHoldNote(parts: Partial<HoldNoteParts>): string {
  return PARTS.filter((part) => parts[part]?.trim())
    .map((part) => `${HOLD_NOTE_LABELS[part]}: ${parts[part]!.trim()}`)
    .join('\n');
}

/** The parts of a note written as labelled lines; a part's text runs until the next label. */
export function parseHoldNote(note: string): Partial<HoldNoteParts> {
  const labels = PARTS.map((part) => HOLD_NOTE_LABELS[part]).join('|');
  const found: Partial<HoldNoteParts> = {};
  const pattern = new RegExp(`^(${labels}):[ \\t]*([\\s\\S]*?)(?=^(?:${labels}):|(?![\\s\\S]))`, 'gm');
  for (const match of note.matchAll(pattern)) {
    const part = PARTS.find((p) => HOLD_NOTE_LABELS[p] === match[1])!;
    const text = match[2].trim();
    if (text) found[part] = text;
  }
  return found;
}

/** The parts left empty, in the order the form asks for them. */
export function missingHoldParts(parts: Partial<HoldNoteParts>): Array<keyof HoldNoteParts> {
  return PARTS.filter((part) => !parts[part]?.trim());
}

/** The note a checked hold body stores: the parts composed, or the labelled note as given. */
export function holdNoteText(body: { note?: string; why?: string; done?: string; next?: string }): string {
  return body.note ?? composeHoldNote(body);
}
