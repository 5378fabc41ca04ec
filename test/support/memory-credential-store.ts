import type { CredentialStore } from '../../electron/core/environments/credential-store';
import { keychainUnavailable } from '../../electron/core/environments/credential-store';

/** For unit tests that isolate one service from the keychain; never used where the keychain is under test. */
export class MemoryCredentialStore implements CredentialStore {
  readonly secrets = new Map<string, string>();
  /** Set to make every call fail as an unreachable keychain does. */
  unavailable = false;

  async get(id: string): Promise<string | null> {
    this.check('read the client secret');
    return this.secrets.get(id) ?? null;
  }

  async set(id: string, secret: string): Promise<void> {
    this.check('save the client secret');
    this.secrets.set(id, secret);
  }

  async delete(id: string): Promise<boolean> {
    this.check('delete the client secret');
    return this.secrets.delete(id);
  }

  private check(action: string): void {
    if (this.unavailable) throw keychainUnavailable(action, new Error('no keychain in this test'));
  }
}
