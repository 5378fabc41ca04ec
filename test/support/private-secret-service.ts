import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SecretService {
  env: Record<string, string>;
  stop(): void;
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('dbus-daemon did not print its address')), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const newline = text.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, newline).trim());
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Polls from a separate process: a keychain call made in this process before the daemon owns its
 * name leaves the binding's connection broken for the rest of the run.
 */
async function waitForName(name: string, env: Record<string, string>, deadlineMs: number): Promise<void> {
  while (Date.now() < deadlineMs) {
    const reply = spawnSync(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ],
      { env: { ...process.env, ...env }, encoding: 'utf8' },
    );
    if (reply.stdout?.includes('boolean true')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not appear on the private session bus`);
}

/**
 * A session bus without service activation: otherwise the first keychain call would start a second,
 * locked gnome-keyring before ours has registered, and every call would fail with "no result found".
 */
function busConfig(home: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${home}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

/**
 * A real Secret Service for tests on Linux without a desktop session: a private D-Bus session bus
 * and gnome-keyring's secrets component, unlocked with a throwaway password in a throwaway home.
 */
export async function startPrivateSecretService(): Promise<SecretService> {
  const home = mkdtempSync(join(tmpdir(), 'lastmile-keyring-'));
  const config = join(home, 'bus.conf');
  writeFileSync(config, busConfig(home));
  const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--nopidfile', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await firstLine(bus, 10_000);
  const env = { DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: home };
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...process.env, ...env, HOME: home },
  });
  keyring.stdin?.end('lastmile-test-keyring');
  await waitForName('org.freedesktop.secrets', env, Date.now() + 10_000);
  return {
    env,
    stop() {
      keyring.kill();
      bus.kill();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
