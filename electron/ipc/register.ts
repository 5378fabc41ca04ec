import type { Handlers } from '../../shared/contract';
import { channels, isChannelName } from '../../shared/contract';
import { parseWith } from '../../shared/contract/validate';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import { isCoreError } from '../core/core-error';
import { isSystemError, systemError } from '../core/system-errors';
import type { Logger } from '../core/log/logger';

/** Who sent a call: the URL of the frame (Electron) or the checked origin (browser host). */
export interface Sender {
  url: string;
}

export type Dispatch = (channel: string, input: unknown, sender: Sender) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  isTrustedSender: (sender: Sender) => boolean;
  /** Where unexpected failures are reported; given only the channel and the error, never the input. */
  reportBug?: (channel: string, error: unknown) => void;
  /** Where refused calls are noted for support: the channel and the error's code only, never input or message. */
  logger?: Logger;
}

/** The dispatcher's `reportBug`, for both hosts: into the redacted log, with a pointer on stderr. */
export function logBugs(logger: Logger): (channel: string, error: unknown) => void {
  return (channel, error) => {
    logger.error(`${channel} failed unexpectedly`, error, { channel });
    console.error(`[core] ${channel} failed unexpectedly; the details are in ${logger.dir}`);
  };
}

/**
 * The single entry point of every channel, used by both the Electron registration and the browser
 * host: check the sender, validate the input at run time, call the core, and always answer a Result.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatch {
  return async (channel, input, sender) => {
    if (!isChannelName(channel)) {
      return fail({
        code: 'unknown_channel',
        message: `There is no channel named "${String(channel).slice(0, 80)}".`,
        hint: 'The renderer and the core are from different versions; restart the console.',
      });
    }
    if (!options.isTrustedSender(sender)) {
      return fail({
        code: 'untrusted_sender',
        message: 'The request did not come from the console window.',
        hint: 'Only the console itself may call the core.',
      });
    }
    const parsed = parseWith(channels[channel].input, input, `The request to ${channel}`);
    if (!parsed.ok) {
      options.logger?.warn(`${channel} refused: ${parsed.error.code}`);
      return parsed;
    }
    try {
      const handler = handlers[channel] as (value: unknown) => Promise<unknown>;
      return ok(await handler(parsed.value));
    } catch (error) {
      if (isCoreError(error)) {
        options.logger?.warn(`${channel} failed: ${error.appError.code}`);
        return fail(error.appError);
      }
      if (isSystemError(error)) return fail(systemError(error, { what: 'finish this' }).appError);
      options.reportBug?.(channel, error);
      return fail({
        code: 'internal',
        message: `The console failed while handling ${channel}.`,
        hint: 'Try again; if it keeps failing, restart the console and report what you were doing.',
      });
    }
  };
}
