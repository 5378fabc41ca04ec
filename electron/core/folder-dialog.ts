import type { Handlers } from '../../shared/contract';
import { CoreError } from './core-error';

/** Opens the host's folder dialog; answers the chosen folder, or null when the user closed it. */
export type ChooseFolder = () => Promise<string | null>;

/** The dialog is the host's: the desktop app gives one, the browser host cannot open one for its page. */
export function folderDialogHandler(choose: ChooseFolder | undefined): Pick<Handlers, 'app:choose-folder'> {
  return {
    'app:choose-folder': async () => {
      if (!choose) {
        throw new CoreError({
          code: 'no_folder_dialog',
          message: 'This console runs in a browser, which cannot open a folder dialog for it.',
          hint: 'Type or paste the folder path instead.',
        });
      }
      return { folder: await choose() };
    },
  };
}
