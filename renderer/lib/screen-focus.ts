/** How long a screen may take to show what focus should land on (an order on its way from the API). */
const WAIT_MS = 3000;
const MARKED = 'main [data-autofocus]';
const FIELD = `${MARKED}, main form :is(input:not([type=hidden]), select, textarea):not([disabled])`;

/**
 * Puts focus on the first useful element of the screen just opened: what it marks data-autofocus (an
 * order's first action), else on a form's screen (`formScreen`) the form's first field, else its
 * heading, once it has finished loading. Gives up as soon as the user puts focus somewhere
 * themselves. Returns the cancel, for an $effect.
 */
export function focusNewScreen(formScreen: boolean): () => void {
  const started = performance.now();
  const from = document.activeElement;
  let frame = requestAnimationFrame(function look() {
    const now = document.activeElement;
    if (now !== from && now !== document.body && !now?.matches('main')) return;
    const main = document.querySelector('main');
    const target = document.querySelector<HTMLElement>(formScreen ? FIELD : MARKED);
    const settled = !main?.querySelector('[aria-busy=true]') || performance.now() - started > WAIT_MS;
    const heading = settled ? main?.querySelector<HTMLElement>('h1') : null;
    const element = target ?? heading;
    if (element) {
      if (element === heading && !element.hasAttribute('tabindex')) element.tabIndex = -1;
      element.focus();
      return;
    }
    if (performance.now() - started < WAIT_MS * 2) frame = requestAnimationFrame(look);
  });
  return () => cancelAnimationFrame(frame);
}
