import type { ScanOptions } from './scan-detector';
import { DEFAULT_SCAN } from './scan-detector';

const KEY = 'lastmile.scanner';

/** The scanner's prefix and suffix as this machine's user set them (a scanner belongs to a workstation). */
export function loadScanOptions(): ScanOptions {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Pick<ScanOptions, 'prefix' | 'suffix'>>;
    return {
      ...DEFAULT_SCAN,
      prefix: typeof saved.prefix === 'string' ? saved.prefix : '',
      suffix: typeof saved.suffix === 'string' ? saved.suffix : '',
    };
  } catch {
    return DEFAULT_SCAN;
  }
}

export function saveScanOptions(options: Pick<ScanOptions, 'prefix' | 'suffix'>): void {
  localStorage.setItem(KEY, JSON.stringify({ prefix: options.prefix, suffix: options.suffix }));
}
