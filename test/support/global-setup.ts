import { Entry } from '@napi-rs/keyring';
import { startPrivateSecretService } from './private-secret-service';

/** Waits until the keychain answers a round trip, so no test races the daemon's start. */
async function waitForKeychain(deadlineMs: number): Promise<void> {
  const probe = new Entry('last-mile-console-test', 'probe');
  for (;;) {
    try {
      probe.setPassword('probe');
      probe.deletePassword();
      return;
    } catch (error) {
      if (Date.now() > deadlineMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * On a Linux machine without a session bus (CI, containers) the tests get a private, real Secret
 * Service; on desktops the OS keychain is used as it is.
 */
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.platform !== 'linux' || process.env.DBUS_SESSION_BUS_ADDRESS) return undefined;
  const service = await startPrivateSecretService();
  Object.assign(process.env, service.env);
  try {
    await waitForKeychain(Date.now() + 10_000);
  } catch (error) {
    service.stop();
    throw new Error(
      `Could not start a private Secret Service for the keychain tests (${String(error)}). ` +
        'Install dbus-x11 (dbus-daemon) and gnome-keyring.',
      { cause: error },
    );
  }
  return () => service.stop();
}
