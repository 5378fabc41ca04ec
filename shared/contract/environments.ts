import { z } from 'zod';
import type { AppInfo, EnvironmentView } from '../domain';
import type { AppError } from '../result';
import { channel } from './define';

const envId = z.string().min(1).max(64);
const name = z.string().trim().min(1, 'Give the environment a name.').max(80, 'At most 80 characters.');
const clientId = z.string().trim().min(1, 'Enter the client id.').max(256, 'At most 256 characters.');
const timeZone = z.string().trim().min(1, 'Enter a time zone.').max(64, 'At most 64 characters.');
/** Store location code to zone; the core checks each zone against the IANA list. */
const storeTimeZones = z
  .record(z.string().trim().min(1).max(64), timeZone)
  .refine((zones) => Object.keys(zones).length <= 500, 'At most 500 stores with their own zone.');
const secret = z.string().min(1, 'Enter the client secret.').max(1024, 'At most 1024 characters.');
const baseUrl = z.url({ message: 'Enter a full URL, for example https://connect.dev.instacart.tools' }).max(2048);

/** Only development, production and custom can be added: the sandbox is built in. */
const addableKind = z.enum(['development', 'production', 'custom']);

export const environmentChannels = {
  /**
   * `problems`: what kept the list from being complete (a damaged settings file, with where its copy was
   * kept; an unreachable keychain, so `hasSecret` could not be checked). Empty when all is well.
   */
  'environments:list': channel<{ environments: EnvironmentView[]; selectedId: string; problems: AppError[] }>()(
    z.undefined(),
  ),
  /**
   * With its secret, so the two are saved together or not at all; without one, the environment is saved
   * and listed as missing its secret.
   */
  'environments:add': channel<EnvironmentView>()(
    z.strictObject({
      name,
      kind: addableKind,
      baseUrl: baseUrl.optional(),
      clientId,
      secret: secret.optional(),
      timeZone: timeZone.optional(),
      storeTimeZones: storeTimeZones.optional(),
    }),
  ),
  'environments:update': channel<EnvironmentView>()(
    z.strictObject({
      id: envId,
      name: name.optional(),
      baseUrl: baseUrl.optional(),
      clientId: clientId.optional(),
      timeZone: timeZone.optional(),
      storeTimeZones: storeTimeZones.optional(),
    }),
  ),
  'environments:remove': channel<{ removed: true }>()(z.strictObject({ id: envId })),
  'environments:select': channel<AppInfo>()(z.strictObject({ id: envId })),
  /** With add, the only way a secret crosses from the renderer; nothing ever sends it back. */
  'environments:set-secret': channel<EnvironmentView>()(z.strictObject({ id: envId, secret })),
  'environments:test': channel<EnvironmentView>()(z.strictObject({ id: envId })),
};
