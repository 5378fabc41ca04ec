/**
 * The fuses every release binary must carry, by @electron/fuses name, with why. The README's
 * "Installers and fuses" section explains the same table for people.
 */
export const RELEASE_FUSES: Readonly<Record<string, { enabled: boolean; configKey: string; why: string }>> = {
  RunAsNode: {
    enabled: false,
    configKey: 'runAsNode',
    why: 'ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node interpreter',
  },
  EnableCookieEncryption: {
    enabled: true,
    configKey: 'enableCookieEncryption',
    why: 'cookies on disk are encrypted with the OS key store',
  },
  EnableNodeOptionsEnvironmentVariable: {
    enabled: false,
    configKey: 'enableNodeOptionsEnvironmentVariable',
    why: 'NODE_OPTIONS (--require, --inspect) could inject code into the main process',
  },
  EnableNodeCliInspectArguments: {
    enabled: false,
    configKey: 'enableNodeCliInspectArguments',
    why: '--inspect and SIGUSR1 would open a debugger into the process holding the credentials',
  },
  EnableEmbeddedAsarIntegrityValidation: {
    enabled: true,
    configKey: 'enableEmbeddedAsarIntegrityValidation',
    why: 'app.asar is checked against the hash signed into the binary (macOS, Windows)',
  },
  OnlyLoadAppFromAsar: {
    enabled: true,
    configKey: 'onlyLoadAppFromAsar',
    why: 'no fallback to an unvalidated app/ folder next to the archive',
  },
  LoadBrowserProcessSpecificV8Snapshot: {
    enabled: false,
    configKey: 'loadBrowserProcessSpecificV8Snapshot',
    why: 'the console ships no custom V8 snapshot',
  },
  GrantFileProtocolExtraPrivileges: {
    enabled: false,
    configKey: 'grantFileProtocolExtraPrivileges',
    why: 'pages come from the app:// protocol, so file:// needs no privileges beyond a browser',
  },
};
