/** `/` (when not typing in a field) or Ctrl/Cmd+K: jump to the search box from anywhere. */
export function isSearchShortcut(event: KeyboardEvent): boolean {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') return true;
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as HTMLElement | null;
  const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
  return !typing;
}

export const SEARCH_BOX_ID = 'search-box';

/** Focuses the search box, waiting a frame for the search screen when it is being opened. */
export function focusSearch(): void {
  const box = document.getElementById(SEARCH_BOX_ID);
  if (box) {
    (box as HTMLInputElement).select();
    box.focus();
    return;
  }
  requestAnimationFrame(() => {
    const later = document.getElementById(SEARCH_BOX_ID) as HTMLInputElement | null;
    later?.focus();
  });
}
