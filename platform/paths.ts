import { fileURLToPath } from 'node:url';

/** The repository root, so `.data/` and `examples/` resolve the same from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../.data', import.meta.url));
