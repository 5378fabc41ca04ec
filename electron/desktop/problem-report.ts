import { redact } from '../core/log/redact';

export interface ProblemReportFacts {
  appName: string;
  version: string;
  electron: string;
  os: string;
  /** The log's last lines, already redacted when written; redacted again here in case a rule was added since. */
  logLines: readonly string[];
  crashReports: number;
  crashDir: string;
  now: number;
}

export const REPORT_LOG_LINES = 300;

/** A file a user can send to support: versions, the OS and the last log lines; no settings, secrets or orders. */
export function problemReport(facts: ProblemReportFacts): string {
  return [
    `${facts.appName} problem report`,
    `written: ${new Date(facts.now).toISOString()}`,
    `version: ${facts.version}`,
    `electron: ${facts.electron}`,
    `os: ${facts.os}`,
    `crash reports on this machine: ${facts.crashReports} (in ${facts.crashDir}; attach them if support asks)`,
    '',
    `last ${facts.logLines.length} log lines:`,
    ...facts.logLines.slice(-REPORT_LOG_LINES).map(redact),
    '',
  ].join('\n');
}

export function reportFileName(now: number): string {
  return `last-mile-console-report-${new Date(now).toISOString().slice(0, 19).replace(/:/g, '-')}.txt`;
}
