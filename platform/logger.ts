/**
 * pino for the whole process, with Temporal's own logs (SDK, workflow and activity `log`, and the
 * native core) routed into it, so one stream tells the whole story.
 */
import { pino, type Logger } from 'pino';
import { DefaultLogger, Runtime, makeTelemetryFilterString, type LogEntry } from '@temporalio/worker';
import type { Config } from './config.js';

export type { Logger } from 'pino';

/**
 * Logs go to stdout unless `destination` says otherwise; with `process.stderr` they stay pretty at a
 * terminal, so a command whose stdout is meant for a shell (`campaign dev --no-worker`) keeps it clean.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'prettyLogs'>, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level: config.logLevel,
    // People's names and contact details stay out of logs.
    redact: { paths: ['*.email', '*.address', '*.url', 'token', '*.token'], censor: '[redacted]' },
  };
  if (config.prettyLogs && (!destination || destination === process.stderr)) {
    const fd = destination ? 2 : 1;
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', destination: fd } } });
  }
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}

const TEMPORAL_TO_PINO = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

let installed = false;

/** What Temporal's native core reported at warning level or above, with its fields (e.g. `runId`, `failure`). */
export interface TemporalCoreReport {
  level: 'WARN' | 'ERROR';
  message: string;
  fields: Record<string, unknown>;
}

const coreListeners = new Set<(report: TemporalCoreReport) => void>();

/**
 * Hears what the native core reports (it logs a failed workflow task with its run id and the
 * failure). Only warnings and errors reach here, so a listener costs nothing while all is well.
 * Returns the function that stops listening.
 */
export function onTemporalCoreReport(listener: (report: TemporalCoreReport) => void): () => void {
  coreListeners.add(listener);
  return () => coreListeners.delete(listener);
}

function tellCoreListeners(entry: LogEntry): void {
  if (coreListeners.size === 0 || entry.meta?.sdkComponent !== 'core') return;
  if (entry.level !== 'WARN' && entry.level !== 'ERROR') return;
  const report: TemporalCoreReport = { level: entry.level, message: entry.message, fields: { ...entry.meta } };
  for (const listener of coreListeners) {
    try {
      listener(report);
    } catch {
      // A listener's failure must not silence the log.
    }
  }
}

/**
 * Must run before any Temporal connection or worker exists (the SDK fixes its runtime then).
 * Safe to call twice: the second call is ignored.
 */
export function installTemporalRuntime(log: Logger): void {
  if (installed) return;
  installed = true;
  const temporalLog = log.child({ component: 'temporal' });
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry: LogEntry) => {
      const level = TEMPORAL_TO_PINO[entry.level];
      temporalLog[level]({ ...entry.meta }, entry.message);
      tellCoreListeners(entry);
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
    },
  });
}
