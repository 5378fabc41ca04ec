import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../../../electron/launch/paths';
import { tempDir } from '../../support/temp-dir';

const run = promisify(execFile);

export interface Finding {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

const CSV_HEADER = 'issue, severity, confidence, filename, location, sample, description, url';

/** What ships: the shell, the core, the contract, the renderer sources and the built renderer. */
const SCANNED = ['electron', 'shared', 'renderer', 'package.json', 'dist/renderer'];

/**
 * A deliberately insecure window scanned alongside the app: its findings prove the scan ran and that
 * its whole report was read, so an empty report cannot pass for a clean one.
 */
export const CANARY_FILE = 'canary/insecure-window.js';
const CANARY_SOURCE = `const { BrowserWindow } = require('electron');
const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
win.loadURL('http://example.com/');
`;

/** Runs the installed Electronegativity CLI offline on a copy of what ships and reads its CSV report. */
export async function scanWithElectronegativity(): Promise<Finding[]> {
  const stage = tempDir('lastmile-electronegativity-');
  try {
    const input = join(stage.path, 'input');
    for (const path of SCANNED) cpSync(join(repoRoot, path), join(input, path), { recursive: true });
    mkdirSync(join(input, 'canary'));
    writeFileSync(join(input, CANARY_FILE), CANARY_SOURCE);
    const report = join(stage.path, 'report.csv');
    const cli = join(repoRoot, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
    const offline = join(repoRoot, 'test', 'security', 'support', 'electronegativity-offline.mjs');
    await run(process.execPath, ['--import', offline, cli, '-i', input, '-o', report, '-r', '-v', 'false'], {
      cwd: stage.path,
      // The CLI writes the CSV header and the rows with two concurrent fs.writeFile calls; one libuv
      // thread runs them in order, so the rows can never land before (or under) the header.
      env: { ...process.env, UV_THREADPOOL_SIZE: '1', LANG: 'en-US' },
      timeout: 60_000,
    });
    const text = readFileSync(report, 'utf8');
    const [header, ...rest] = text.split(/\r?\n/);
    if (header !== CSV_HEADER) throw new Error(`Unexpected Electronegativity report header: ${header}`);
    const rows = parse(rest.join('\n'), { skip_empty_lines: true }) as string[][];
    return rows.map((row) => {
      if (row.length !== 8) throw new Error(`Unexpected Electronegativity report row: ${row.join(',')}`);
      const [id = '', severity = '', confidence = '', file = '', location = '', sample = ''] = row;
      return { id, severity: severity as Finding['severity'], confidence, file, location, sample };
    });
  } finally {
    stage.remove();
  }
}
