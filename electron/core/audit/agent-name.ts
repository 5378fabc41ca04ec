import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { AgentView } from '../../../shared/contract';
import { CoreError } from '../core-error';
import { systemError } from '../system-errors';

export const AGENT_FILE = 'agent.json';
const MAX_NAME = 80;

/** The computer's user name; "unknown" where the OS will not say (a user without a passwd entry). */
export function computerUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Who the audit log names: the agent's name, set once in the console, or else the computer's user
 * name. Kept in its own small file beside the settings, so the name survives a restart.
 */
export class AgentName {
  private constructor(
    private readonly path: string,
    private saved: string | null,
    private readonly computerUser: string,
  ) {}

  static async open(dataDir: string, computerUser = computerUserName()): Promise<AgentName> {
    const path = join(dataDir, AGENT_FILE);
    let saved: string | null = null;
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as { name?: unknown };
      if (typeof parsed.name === 'string' && parsed.name.trim()) saved = parsed.name.trim().slice(0, MAX_NAME);
    } catch {
      // No file yet, or one that cannot be read: the computer's user name signs until a name is set.
    }
    return new AgentName(path, saved, computerUser);
  }

  name(): string {
    return this.saved ?? this.computerUser;
  }

  view(): AgentView {
    return { name: this.name(), saved: this.saved, computerUser: this.computerUser };
  }

  /** Saves the name (blank: back to the computer's user name), written whole or not at all. */
  async set(name: string): Promise<AgentView> {
    const next = name.trim() || null;
    if (next !== null && [...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
      throw new CoreError({
        code: 'invalid_input',
        key: 'name',
        message: 'A name cannot hold control characters.',
        hint: 'Type the name as it should appear in the audit log.',
      });
    }
    const temp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(join(this.path, '..'), { recursive: true });
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify({ version: 1, name: next })}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw systemError(error, { what: 'save your name', path: this.path }, 'settings_not_saved');
    }
    this.saved = next;
    return this.view();
  }
}
