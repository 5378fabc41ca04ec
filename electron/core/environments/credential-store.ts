import { CoreError } from '../core-error';

/**
 * Where client secrets live: the OS keychain, one entry per environment. Nothing else in the console
 * keeps a secret, and there is no fallback store: without a keychain, secrets cannot be saved.
 */
export interface CredentialStore {
  get(environmentId: string): Promise<string | null>;
  set(environmentId: string, secret: string): Promise<void>;
  /** True when there was a secret to delete. */
  delete(environmentId: string): Promise<boolean>;
}

/** The keychain entries' service name: what the user sees in Keychain Access or Credential Manager. */
export const KEYCHAIN_SERVICE = 'Last Mile Console';

const WHERE: Record<string, string> = {
  darwin: 'the macOS Keychain',
  win32: 'Windows Credential Manager',
  linux: 'the Secret Service (GNOME Keyring or KWallet)',
};

export function keychainUnavailable(action: string, cause: unknown, platform = process.platform): CoreError {
  const store = WHERE[platform] ?? "the system's credential store";
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new CoreError(
    {
      code: 'keychain_unavailable',
      message: `Could not ${action}: ${store} is not reachable (${detail.slice(0, 200)}).`,
      hint:
        platform === 'linux'
          ? 'Start and unlock a Secret Service keyring (log in to a desktop session, or run gnome-keyring-daemon), then try again. The console never stores secrets in a file instead.'
          : `Unlock ${store} and try again. The console never stores secrets in a file instead.`,
    },
    { cause },
  );
}
