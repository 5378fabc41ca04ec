/**
 * The size limits of the console, each named once: the contract checks inputs against them and the core
 * caps its answers with them, so no channel answers or lists more than a screen (or the IPC) can carry.
 */

/** The most orders one staging job stages (and one "Stage selected" picks). */
export const MAX_JOB_ORDERS = 5000;

/** The longest order id the console accepts; the API's own ids are far shorter. */
export const MAX_ORDER_ID = 128;

/** A whole CSV file, as text or as bytes: far above any real staging sheet or id list. */
export const MAX_CSV_BYTES = 20_000_000;

/** The same file's bytes written as base64 (4 characters for every 3 bytes). */
export const MAX_CSV_BASE64 = Math.ceil(MAX_CSV_BYTES / 3) * 4;

/**
 * Line errors listed in one answer (a sheet, an import, a refresh); past it one last entry says how many
 * more there are and of which kinds, so a sheet of a million bad lines still answers in a few hundred KB.
 */
export const MAX_LINE_ERRORS = 1000;

/** Orders a store-and-window preview lists as left out, then one entry counting the rest. */
export const MAX_EXCLUDED_ORDERS = 1000;

/** Order ids one import reads from a file (each costs a get): bounds the import's memory and its time. */
export const MAX_IMPORT_ORDERS = 100_000;

/** Order ids one refresh fetches. */
export const MAX_REFRESH_ORDERS = 10_000;

/**
 * Rows one CSV export writes (orders or audit entries), about 20 MB of text: matches past it are counted
 * and named in the answer, so the user narrows the filters instead of waiting on a file nothing opens.
 */
export const MAX_EXPORT_ROWS = 100_000;

/** Rows of one page of search results or of the audit log. */
export const MAX_PAGE_ROWS = 500;

/** Rows one "Needs attention" answer lists (the count says how many there are in all). */
export const MAX_ATTENTION_ROWS = 500;

/** Orders one environment may watch at once: each costs a get every refresh floor. */
export const MAX_WATCHED_ORDERS = 500;

/** Jobs the job history lists (newest first): a year of shifts; older ones are removed by the user. */
export const MAX_LISTED_JOBS = 1000;

/** Other consoles' running staging jobs one answer lists: far more than a team runs at once. */
export const MAX_TEAM_JOBS = 200;

/** An audit note: a reason or a ticket number, not a letter. The form counts against it too. */
export const MAX_AUDIT_NOTE = 200;

/** The most characters of a watched export folder's path. */
export const MAX_WATCH_FOLDER_PATH = 1024;
