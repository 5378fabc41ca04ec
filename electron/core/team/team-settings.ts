import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { systemError } from '../system-errors';
import type { TeamDatabaseAddress } from './team-connection';

/** Beside settings.json rather than in it, so a console without team mode reads its settings as before. */
export const TEAM_SETTINGS_FILE = 'team-databases.json';

const address = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65_535),
  database: z.string().min(1).max(63),
  user: z.string().min(1).max(63),
  tls: z.boolean(),
});
const file = z.object({ version: z.literal(1), databases: z.record(z.string().min(1).max(64), address) });

/** Each environment's team database, if it has one; no password, ever: that is in the keychain. */
export async function loadTeamSettings(dataDir: string): Promise<Record<string, TeamDatabaseAddress>> {
  const path = join(dataDir, TEAM_SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw systemError(error, { what: 'read the team database settings', path });
  }
  // A file this version cannot read leaves the console working alone, as it does without one.
  try {
    const parsed = file.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.databases : {};
  } catch {
    return {};
  }
}

/** Written whole to a temporary file, flushed, then renamed over the old one. */
export async function saveTeamSettings(dataDir: string, databases: Record<string, TeamDatabaseAddress>): Promise<void> {
  const path = join(dataDir, TEAM_SETTINGS_FILE);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dataDir, { recursive: true });
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ version: 1, databases }, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw systemError(error, { what: 'save the team database settings', path });
  }
}
