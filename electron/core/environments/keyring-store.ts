import { AsyncEntry } from '@napi-rs/keyring';
import type { CredentialStore } from './credential-store';
import { KEYCHAIN_SERVICE, keychainUnavailable } from './credential-store';

/**
 * The OS keychain through @napi-rs/keyring. On Linux the Secret Service is required: the library would
 * otherwise fall back to the kernel keyring, which forgets everything at logout, and a secret that
 * silently disappears is as bad as one that leaks.
 */
export class KeyringCredentialStore implements CredentialStore {
  constructor(private readonly service: string = KEYCHAIN_SERVICE) {}

  async get(environmentId: string): Promise<string | null> {
    return this.with('read the client secret', environmentId, (entry) => entry.getPassword());
  }

  async set(environmentId: string, secret: string): Promise<void> {
    await this.with('save the client secret', environmentId, (entry) => entry.setPassword(secret));
  }

  async delete(environmentId: string): Promise<boolean> {
    return this.with('delete the client secret', environmentId, (entry) => entry.deletePassword());
  }

  private async with<T>(action: string, account: string, use: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    try {
      // Creating the entry already connects to the store, and throws when there is none.
      const entry = new AsyncEntry(this.service, account, { linux: { store: 'secret-service' } });
      return await use(entry);
    } catch (error) {
      throw keychainUnavailable(action, error);
    }
  }
}
