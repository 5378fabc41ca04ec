/** Local midnight of a YYYY-MM-DD date (as a date input gives it), shifted by whole days, as an ISO instant. */
export function localDayIso(date: string, addDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays).toISOString();
}
