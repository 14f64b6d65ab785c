import { fileURLToPath } from 'node:url';

/** The repository root, so `.data/` and `examples/` resolve the same from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));

/**
 * Where `campaign dev` keeps the keys it makes for itself (an operator key, the API's key and their
 * keyring), and where the CLI and the API look for them when no key is configured.
 */
export const DEV_KEYS_DIR = fileURLToPath(new URL('../.data/keys', import.meta.url));
