/**
 * A long-lived sandbox platform for workers and demos run by hand:
 *   tsx sandbox/main.ts --port 8787 [--host 127.0.0.1] [--seed demo]
 * Prints only the URL on stdout, so scripts can capture it; everything else goes to stderr.
 */
import { parseArgs } from 'node:util';
import { startSandboxPlatform } from './platform.js';

const USAGE = 'usage: tsx sandbox/main.ts [--port N] [--host ADDRESS] [--seed TEXT]';

async function main(): Promise<number> {
  let values: { port?: string; host?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string', default: 'sandbox' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`--port must be a port number between 0 and 65535, not ${values.port}\n${USAGE}\n`);
    return 2;
  }

  const platform = await startSandboxPlatform({ port, host: values.host, seed: values.seed });
  process.stdout.write(`${platform.url}\n`);
  process.stderr.write(`sandbox channel platform (seed ${values.seed}) listening; stats at ${platform.url}/v1/stats\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await platform.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sandbox platform could not start: ${(error as Error).message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
