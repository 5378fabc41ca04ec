/**
 * The browser host opens a console link the way Electron hands one over: `#token=...&open=<url-encoded
 * lastmile:// link>`. Read before the token is taken out of the address bar.
 */
const launched = /[#&]open=([^&]*)/.exec(location.hash)?.[1] ?? null;
let pending = launched;

export function takeLaunchLink(): string | null {
  const link = pending;
  pending = null;
  if (link === null) return null;
  try {
    return decodeURIComponent(link);
  } catch {
    return link;
  }
}
