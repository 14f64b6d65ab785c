/**
 * Bundles workflow code for a worker or a replay, without webpack's progress chatter (its errors
 * still reach the log).
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import type { Logger } from 'pino';

export async function bundleWorkflows(workflowsPath: string, log: Logger): Promise<string> {
  const quiet = () => {};
  const logger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: (message: string) => log.error(message) };
  return (await bundleWorkflowCode({ workflowsPath, logger })).code;
}
