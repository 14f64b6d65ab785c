/**
 * A setting that cannot be used as given: the message names the setting and how to fix it. The CLI
 * exits 2 (invalid input) on one.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
