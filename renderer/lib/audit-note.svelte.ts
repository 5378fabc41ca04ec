/**
 * The agent's reason or ticket number for the changes they make: one call often brings several
 * changes, so it is kept for the next one, in memory only, until the console closes.
 */
export const auditNote = $state({ text: '' });

/** What a change sends with it: the note, or nothing when it is blank. */
export function noteToSend(): string | undefined {
  return auditNote.text.trim() || undefined;
}
