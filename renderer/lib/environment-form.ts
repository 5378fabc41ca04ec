import type { EnvironmentKind, EnvironmentView } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import { Problems } from './number-fields';

export type AddableKind = Exclude<EnvironmentKind, 'sandbox'>;

/** The vendor's two servers per retailer; a custom environment names its own. */
export const DEFAULT_BASE_URLS: Readonly<Record<'development' | 'production', string>> = {
  development: 'https://connect.dev.instacart.tools',
  production: 'https://connect.instacart.com',
};

export interface EnvironmentValues {
  name: string;
  kind: AddableKind;
  baseUrl: string;
  clientId: string;
  /** Write-only: never filled from the core, emptied after every save. */
  secret: string;
}

export const ENVIRONMENT_FIELDS = ['name', 'kind', 'baseUrl', 'clientId', 'secret'] as const;

export function environmentValues(environment?: EnvironmentView): EnvironmentValues {
  if (!environment) return { name: '', kind: 'development', baseUrl: '', clientId: '', secret: '' };
  return {
    name: environment.name,
    kind: environment.kind === 'sandbox' ? 'custom' : environment.kind,
    baseUrl: environment.kind === 'custom' ? environment.baseUrl : '',
    clientId: environment.clientId,
    secret: '',
  };
}

export interface EnvironmentRequest {
  name: string;
  kind: AddableKind;
  baseUrl?: string;
  clientId: string;
  secret?: string;
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

export function checkEnvironment(values: EnvironmentValues, adding: boolean): Result<EnvironmentRequest> {
  const problems = new Problems();
  const name = values.name.trim();
  const clientId = values.clientId.trim();
  const baseUrl = values.baseUrl.trim();
  if (!name) problems.add('name', 'Give the environment a name.', 'For example “Store 42 production”.');
  if (!clientId) problems.add('clientId', 'Enter the client id.', 'It comes with the client secret from Instacart.');
  if (values.kind === 'custom' && !isHttpsUrl(baseUrl)) {
    problems.add(
      'baseUrl',
      'Enter the server’s full https:// address.',
      'For example https://connect.dev.instacart.tools',
    );
  }
  if (adding && values.secret === '') {
    problems.add(
      'secret',
      'Enter the client secret.',
      'The console keeps it in this computer’s keychain, never on disk.',
    );
  }
  const error = problems.error();
  if (error) return fail(error);
  return ok({
    name,
    kind: values.kind,
    clientId,
    ...(values.kind === 'custom' ? { baseUrl } : {}),
    ...(values.secret !== '' ? { secret: values.secret } : {}),
  });
}
