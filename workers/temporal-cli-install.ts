/**
 * `npm test` runs this first (pretest, after scripts/ensure-chromium.sh for the report test):
 * building the Temporal CLI can take minutes, longer than any test hook should wait, so it happens
 * in plain sight before the tests start.
 */
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { ensureTemporalCli, TemporalCliMissingError } from './temporal-cli.js';

const config = loadConfig();
const log = createLogger(config);
try {
  const cli = await ensureTemporalCli({ configured: config.temporalCli, log });
  log.info({ cli }, 'Temporal CLI ready');
} catch (err) {
  if (err instanceof TemporalCliMissingError) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
