import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { CoreError } from '../core-error';

const invalid = (message: string, hint: string) => new CoreError({ code: 'watch_folder_invalid', message, hint });

/** Checks an environment's export folder before it is saved, so a typo is caught on the Environments screen. */
export async function checkWatchFolder(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw invalid(`The folder ${path} does not exist.`, 'Check the path, or connect the share it is on.');
  }
  if (!info.isDirectory()) {
    throw invalid(`${path} is a file, not a folder.`, 'Choose the folder the back office drops its exports into.');
  }
  try {
    await access(path, constants.R_OK | constants.X_OK);
  } catch {
    throw invalid(`The console may not read the folder ${path}.`, 'Ask for read access to it, or choose another.');
  }
}
