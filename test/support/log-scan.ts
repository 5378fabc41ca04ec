import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CREDENTIALS } from '../../electron/core/sandbox';

/** Phone-shaped text of 10 digits or more: the redactor turns every one into [phone]. */
const PHONE_SHAPED = /\+?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/;

/**
 * What no console log may hold, checked on the data folder of every test console before it is removed, so
 * every e2e run is also a scan of its logs: the sandbox's client secret, a bearer token, a phone number.
 */
export function logLeaks(dataDir: string, extra: readonly string[] = []): string[] {
  const dir = join(dataDir, 'logs');
  if (!existsSync(dir)) return [];
  const leaks: string[] = [];
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const value of [DEMO_CREDENTIALS.clientSecret, 'Bearer ', ...extra]) {
      if (text.includes(value)) leaks.push(`${file}: "${value}"`);
    }
    const phone = PHONE_SHAPED.exec(text.replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, ''));
    if (phone) leaks.push(`${file}: a phone number (${phone[0]})`);
  }
  return leaks;
}
