import { readFileSync, writeFileSync } from 'node:fs';
import type { JobProgress, JobView, StageValues } from '../../shared/contract';
import { defaultDataDir } from '../core/data-dir';
import type { StagingTuning } from '../core/staging/staging-setup';
import { runningElsewhere } from '../../shared/staging-owner';
import { decodeText } from '../core/csv/decode-text';
import { previewSheet } from '../core/staging/staging-preview';
import { reportCsv } from '../core/staging/staging-report';
import { systemError } from '../core/system-errors';
import { parseArgs } from '../launch/args';
import { run } from './run';
import { progressLine, retryLines, sheetErrors, summary } from './stage-output';
import { openStageSession } from './stage-session';

const USAGE = `Usage:
  npm run stage -- --csv sheet.csv [--env ID] [--name NAME] [--bags N] [--items N] [--weight LBS] [--label TEXT]
  npm run stage -- --resume JOB
  npm run stage -- --retry-failed JOB
  npm run stage -- --report JOB [--out FILE]
  npm run stage -- --list
Options:
  --env ID           environment to stage in (default: the one selected in the console); "sandbox" is the built-in one
  --sandbox-url URL  use a sandbox already running (npm run sandbox) instead of starting one for this run
  --data-dir DIR     the console's data folder (default: the console's own, or LASTMILE_DATA_DIR)
  --bags/--items/--weight/--label   values for orders whose line leaves them empty
  --report FILE      with --csv, --resume or --retry-failed: write the per-order report (CSV) there when the job stops
  --report JOB       alone: print the report (CSV) of a job of the history, or write it to --out FILE
  --retry-failed JOB send again the failed orders of a job that a retry may stage; says which it left and why
  --json             progress and summary as JSON lines, for scripts
Exit code: 0 when every order was staged, 2 when some were not (or lines of the sheet were refused), 1 on an error.`;
const KNOWN = new Set(['csv', 'env', 'name', 'bags', 'items', 'weight', 'label', 'resume', 'list', 'sandbox-url']);
for (const name of ['data-dir', 'report', 'json', 'help', 'retry-failed', 'out']) KNOWN.add(name);

type Args = Map<string, string | true>;

/** Tests shorten the lease to see a stopped owner's lease expire; a console always runs with the default. */
function testTuning(): StagingTuning | undefined {
  const leaseMs = Number(process.env.LASTMILE_TEST_STAGING_LEASE_MS);
  if (!Number.isInteger(leaseMs) || leaseMs <= 0) return undefined;
  return { lease: { leaseMs, heartbeatMs: Math.max(50, Math.floor(leaseMs / 4)) } };
}

function listLine(job: JobProgress): string {
  const state = runningElsewhere(job) ?? job.state;
  return `${job.jobId}  ${state.padEnd(19)} ${job.done}/${job.total} staged, ${job.failed} failed  ${job.name}`;
}

function text(args: Args, name: string): string | undefined {
  const value = args.get(name);
  if (value === true) throw new Error(`--${name} needs a value.\n${USAGE}`);
  return value;
}

function number(args: Args, name: string, integer: boolean): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (integer && !Number.isInteger(parsed))) {
    throw new Error(`--${name} needs ${integer ? 'a whole number' : 'a number'} of 0 or more, got "${value}".`);
  }
  return parsed;
}

function defaultsOf(args: Args): StageValues {
  const defaults: StageValues = {};
  const bags = number(args, 'bags', true);
  const items = number(args, 'items', true);
  const weight = number(args, 'weight', false);
  const label = text(args, 'label');
  if (bags !== undefined) defaults.bags_count = bags;
  if (items !== undefined) defaults.items_count = items;
  if (weight !== undefined) defaults.items_weight = weight;
  if (label !== undefined) defaults.bag_label = label;
  return defaults;
}

run(async () => {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) return void process.stdout.write(`${USAGE}\n`);
  const unknown = [...args.keys()].find((name) => !KNOWN.has(name));
  if (unknown) throw new Error(`Unknown option --${unknown}.\n${USAGE}`);
  const csvFile = text(args, 'csv');
  const resume = text(args, 'resume');
  const retry = text(args, 'retry-failed');
  const runs = [csvFile, resume, retry, args.get('list')].filter(Boolean).length;
  // Alone, --report names a job of the history; beside a run, the file its report goes to.
  const reportOf = runs === 0 ? text(args, 'report') : undefined;
  if (runs + (reportOf ? 1 : 0) !== 1) {
    throw new Error(`Give one of --csv, --resume, --retry-failed, --report or --list.\n${USAGE}`);
  }
  const json = args.has('json');
  const out = (line: string | object) =>
    process.stdout.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  const started = Date.now();
  let lastLineAt = 0;
  let lastState = '';
  let announced = false;
  const onProgress = (progress: JobProgress) => {
    if (!announced) return;
    if (json) return out({ event: 'progress', ...progress });
    const now = Date.now();
    if (progress.state === lastState && now - lastLineAt < 1000 && progress.remaining > 0) return;
    lastLineAt = now;
    lastState = progress.state;
    out(progressLine(progress, now - started));
  };

  const dataDir = text(args, 'data-dir') ?? defaultDataDir();
  // Read as bytes: a sheet saved as UTF-16 is read, one in another encoding refused, never half-read.
  const sheet =
    csvFile === undefined
      ? undefined
      : await previewSheet(decodeText(readSheet(csvFile), `The file ${csvFile}`), defaultsOf(args));
  const sandboxUrl = text(args, 'sandbox-url');
  const tuning = testTuning();
  const session = await openStageSession({
    dataDir,
    sandboxUrl,
    tuning,
    // A resumed job's environment is known only from the journal; the built-in sandbox is cheap to start,
    // so it is started unless another environment is named (or a running one is given). A list sends nothing.
    needsSandbox:
      !args.has('list') &&
      reportOf === undefined &&
      (text(args, 'env') === 'sandbox' ||
        resume !== undefined ||
        retry !== undefined ||
        text(args, 'env') === undefined),
    emit: (name, payload) => {
      if (name === 'staging:progress') onProgress(payload as JobProgress);
    },
  });
  let exitCode = 0;
  try {
    const { service } = session;
    if (args.has('list')) {
      for (const job of service.jobs()) out(json ? job : listLine(job));
      return;
    }
    if (reportOf) {
      const { csv } = reportCsv(service.view(reportOf));
      const file = text(args, 'out');
      if (file) writeReport(file, csv);
      else process.stdout.write(csv);
      return;
    }
    if (session.ownSandbox && !json) {
      out(
        `Started a sandbox for this run at ${session.ownSandbox.url} (its orders reset when it stops; --sandbox-url uses a running one).`,
      );
    }
    let view: JobView;
    if (sheet) {
      if (sheet.errors.length > 0) {
        exitCode = 2;
        if (json) out({ event: 'sheet-errors', errors: sheet.errors });
        else
          process.stderr.write(
            `${[`${sheet.errors.length} line(s) of ${csvFile} will not be staged:`, ...sheetErrors(sheet.errors)].join('\n')}\n`,
          );
      }
      if (sheet.rows.length === 0) throw new Error('The sheet holds no order that can be staged.');
      const environmentId = text(args, 'env') ?? session.environments.selectedId;
      view = await service.start({ rows: sheet.rows, name: text(args, 'name'), environmentId });
    } else if (retry) {
      const retried = await service.retryFailed(retry);
      view = retried;
      if (json) out({ event: 'retry', ...retried.retry });
      else out(retryLines(retried.retry).join('\n'));
    } else {
      view = await service.resume(resume!);
    }
    if (json) out({ event: 'started', jobId: view.jobId, total: view.total, environmentId: view.environmentId });
    else out(`Job ${view.jobId}: staging ${view.total} orders in ${view.environmentId}. Ctrl+C pauses it.`);
    announced = true;
    const interrupt = () => void service.pause(view.jobId);
    process.once('SIGINT', interrupt);
    view = await service.settled(view.jobId);
    process.off('SIGINT', interrupt);
    const report = text(args, 'report');
    if (report) writeReport(report, reportCsv(view).csv);
    if (json)
      out({ event: 'summary', ...view, items: undefined, failedItems: view.items.filter((i) => i.state === 'failed') });
    else out(summary(view, Date.now() - started).join('\n'));
    if (view.state !== 'finished' || view.failed > 0 || view.remaining > 0) exitCode = 2;
  } catch (error) {
    throw session.noticed(error);
  } finally {
    await session.close();
  }
  process.exitCode = exitCode;
});

function writeReport(path: string, csv: string): void {
  try {
    writeFileSync(path, csv);
  } catch (error) {
    throw systemError(error, { what: 'write the report', path });
  }
}

function readSheet(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw systemError(error, { what: 'read the staging sheet', path });
  }
}
