import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkWatchFolder } from '../../../electron/core/environments/watch-folder-check';

describe('watch folder check', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('accepts a readable folder and says what is wrong with anything else', async () => {
    dir = await mkdtemp(join(tmpdir(), 'watch-check-'));
    await expect(checkWatchFolder(dir)).resolves.toBeUndefined();
    await expect(checkWatchFolder(join(dir, 'missing'))).rejects.toThrow(/does not exist/);
    await writeFile(join(dir, 'export.csv'), 'x');
    await expect(checkWatchFolder(join(dir, 'export.csv'))).rejects.toThrow(/is a file, not a folder/);
  });
});
