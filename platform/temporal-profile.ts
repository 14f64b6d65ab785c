/**
 * Where and how this process reaches Temporal, by Temporal's environment configuration
 * (@temporalio/envconfig, the convention the `temporal` CLI and the SDKs share): a profile of a
 * temporal.toml file (TEMPORAL_CONFIG_FILE, else temporalio/temporal.toml in the user's config
 * folder; TEMPORAL_PROFILE, else `default`), under the TEMPORAL_* variables, which win. Certificates
 * are only named here; platform/temporal-connection.ts reads them when a process connects.
 */
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadClientConfig, loadClientConfigProfile, type ClientConfigProfile, type ClientConfigTLS } from '@temporalio/envconfig';
import { z } from 'zod';
import { ConfigError } from './config-error.js';

const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';
export const TEMPORAL_ADDRESS_PATTERN = /^[^\s:]+:\d{1,5}$/;
export const TEMPORAL_ADDRESS_HINT = 'write host:port, e.g. 127.0.0.1:7233';

export interface TemporalTarget {
  address: string;
  namespace: string;
  /** Sent as `authorization: Bearer <key>`; it turns TLS on unless TLS is turned off explicitly. */
  apiKey?: string | undefined;
  /** TLS with its certificates named (a path or inline PEM); `disabled` turns it off. */
  tls?: ClientConfigTLS | undefined;
  /** Extra gRPC headers (TEMPORAL_GRPC_META_*, `grpc_meta`). */
  grpcMeta?: Record<string, string> | undefined;
  /** Where the settings came from, so that messages name the one to change. */
  origin: TemporalSettingsOrigin;
}

export interface TemporalSettingsOrigin {
  /** The TEMPORAL_* variables that were set. */
  variables: string[];
  /** The temporal.toml file and the profile of it that was used, when one was. */
  file?: string;
  profile?: string;
}

/** Each setting as a variable and as a key of a temporal.toml profile. */
const SETTINGS = {
  address: { variable: 'TEMPORAL_ADDRESS', key: 'address' },
  namespace: { variable: 'TEMPORAL_NAMESPACE', key: 'namespace' },
  apiKey: { variable: 'TEMPORAL_API_KEY', key: 'api_key' },
  serverName: { variable: 'TEMPORAL_TLS_SERVER_NAME', key: 'tls.server_name' },
  clientCert: { variable: 'TEMPORAL_TLS_CLIENT_CERT', key: 'tls.client_cert' },
  clientKey: { variable: 'TEMPORAL_TLS_CLIENT_KEY', key: 'tls.client_key' },
  serverCACert: { variable: 'TEMPORAL_TLS_SERVER_CA_CERT', key: 'tls.server_ca_cert' },
} as const;

export type TemporalSetting = keyof typeof SETTINGS;
type Certificate = 'clientCert' | 'clientKey' | 'serverCACert';
const CERTIFICATES: readonly Certificate[] = ['clientCert', 'clientKey', 'serverCACert'];

/** The variables Temporal's environment configuration reads (besides TEMPORAL_GRPC_META_*). */
const TEMPORAL_VARIABLES = new Set([
  'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_API_KEY', 'TEMPORAL_TLS', 'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION',
  ...CERTIFICATES.flatMap((c) => [`${SETTINGS[c].variable}_PATH`, `${SETTINGS[c].variable}_DATA`]),
]);
const GRPC_META_PREFIX = 'TEMPORAL_GRPC_META_';

/**
 * The Temporal this process connects to, from the environment `env` (already read and checked by
 * platform/config.ts) and the temporal.toml profile it picks. No settings: 127.0.0.1:7233,
 * namespace `default`, plaintext.
 */
export function resolveTemporalTarget(env: Readonly<Record<string, string>>): TemporalTarget {
  const variables = Object.keys(env).filter((name) => TEMPORAL_VARIABLES.has(name) || name.startsWith(GRPC_META_PREFIX));
  const file = temporalConfigFile(env);
  const requested = env.TEMPORAL_PROFILE;
  const profile = requested ?? 'default';
  const profiles = file ? profilesOf(file) : {};
  if (requested !== undefined && !Object.hasOwn(profiles, requested)) throw new ConfigError(missingProfile(requested, file, profiles, env));
  const fromFile = file !== undefined && Object.hasOwn(profiles, profile);
  const origin: TemporalSettingsOrigin = { variables, ...(fromFile ? { file, profile } : {}) };
  const resolved = envconfig(origin, () => loadClientConfigProfile({
    ...(fromFile ? { configSource: { path: file }, profile } : { disableFile: true }),
    // The variables config.ts read, not this process's environment behind its back.
    overrideEnvVars: Object.fromEntries(variables.map((name) => [name, env[name]!])),
  }));
  const checked = checkProfile(resolved, origin);
  return {
    address: checked.address ?? DEFAULT_TEMPORAL_ADDRESS,
    namespace: checked.namespace ?? 'default',
    apiKey: checked.apiKey,
    tls: checked.tls,
    grpcMeta: checked.grpcMeta,
    origin,
  };
}

/** A Temporal on loopback without TLS or credentials: the dev server this machine started. */
export function localTemporalTarget(address: string, namespace = 'default'): TemporalTarget {
  return { address, namespace, origin: { variables: [] } };
}

/** temporalio/temporal.toml in the user's config folder, where Temporal's tools look for it. */
function defaultTemporalConfigFile(env: Readonly<Record<string, string>>): string | undefined {
  const platform = os.platform();
  const folder = platform === 'win32' ? env.APPDATA
    : platform === 'darwin' ? env.HOME && path.join(env.HOME, 'Library', 'Application Support')
    : env.XDG_CONFIG_HOME ? (path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined)
    : env.HOME && path.join(env.HOME, '.config');
  return folder ? path.join(folder, 'temporalio', 'temporal.toml') : undefined;
}

/**
 * The name a person wrote a setting under: the variable when one is set, else the key in the
 * temporal.toml profile in use. Certificates carry `_PATH`/`_path` or `_DATA`/`_data`.
 */
export function settingName(target: Pick<TemporalTarget, 'origin' | 'tls'>, setting: TemporalSetting): string {
  const { variable, key } = SETTINGS[setting];
  const certificate = (CERTIFICATES as readonly string[]).includes(setting)
    ? target.tls?.[setting as Certificate] : undefined;
  const suffix = certificate === undefined ? '' : 'path' in certificate ? '_path' : '_data';
  const asVariable = `${variable}${suffix.toUpperCase()}`;
  if (target.origin.variables.includes(asVariable) || !target.origin.file) return asVariable;
  return `${key}${suffix} in profile "${target.origin.profile}" of ${target.origin.file}`;
}

/** How to set a setting that is missing: its variable, and its key when a temporal.toml is in use. */
export function howToSet(target: Pick<TemporalTarget, 'origin'>, setting: TemporalSetting, suffix: '' | '_path' = ''): string {
  const { variable, key } = SETTINGS[setting];
  const asVariable = `${variable}${suffix.toUpperCase()}`;
  return target.origin.file ? `${asVariable} (or ${key}${suffix} in profile "${target.origin.profile}" of ${target.origin.file})` : asVariable;
}

/** How to turn TLS on or off: TEMPORAL_TLS, and `tls.disabled` when a temporal.toml is in use. */
export function howToTurnTls(target: Pick<TemporalTarget, 'origin'>, on: boolean): string {
  const { file, profile } = target.origin;
  return `TEMPORAL_TLS=${on}${file ? ` (or tls.disabled = ${!on} in profile "${profile}" of ${file})` : ''}`;
}

function temporalConfigFile(env: Readonly<Record<string, string>>): string | undefined {
  const fallback = defaultTemporalConfigFile(env);
  const named = env.TEMPORAL_CONFIG_FILE;
  if (named === undefined) return fallback && isFile(fallback) ? fallback : undefined;
  if (!isFile(named)) {
    throw new ConfigError(
      `TEMPORAL_CONFIG_FILE names ${named}, which is not a file: fix the path, or unset TEMPORAL_CONFIG_FILE${fallback ? ` to use ${fallback}` : ''}.`,
    );
  }
  return named;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

function profilesOf(file: string): Record<string, ClientConfigProfile> {
  return envconfig({ variables: [], file }, () => {
    try {
      return loadClientConfig({ configSource: { path: file } }).profiles;
    } catch (err) {
      const e = err as Error & { line?: unknown; column?: unknown };
      if (typeof e.line === 'number' && typeof e.column === 'number') {
        const problem = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
        throw new ConfigError(`${file} is not valid TOML (line ${e.line}, column ${e.column}: ${problem}): fix the file, or point TEMPORAL_CONFIG_FILE at another one.`);
      }
      // envconfig 1.24 fails this way on a file with no [profile.<name>] table: it has no profiles.
      if (err instanceof TypeError) return {};
      throw err;
    }
  });
}

function missingProfile(requested: string, file: string | undefined, profiles: Record<string, unknown>, env: Readonly<Record<string, string>>): string {
  if (!file) {
    const fallback = defaultTemporalConfigFile(env);
    return `TEMPORAL_PROFILE is "${requested}", but there is no temporal.toml${fallback ? ` at ${fallback}` : ''}: point TEMPORAL_CONFIG_FILE at yours, or unset TEMPORAL_PROFILE.`;
  }
  const names = Object.keys(profiles);
  const has = names.length ? `it has ${names.map((n) => `"${n}"`).join(', ')}` : 'it has no [profile.<name>] tables';
  return `TEMPORAL_PROFILE is "${requested}", which ${file} does not define (${has}): name one of its profiles, or add [profile.${requested}] to it.`;
}

/** Runs an envconfig call; its errors become ConfigErrors that name the settings. */
function envconfig<T>(origin: TemporalSettingsOrigin, load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const both = /Cannot specify both (\w+)_path and \1_data/.exec((err as Error).message);
    if (both) {
      const variable = `TEMPORAL_TLS_${both[1]!.toUpperCase()}`;
      throw new ConfigError(
        `A certificate is given twice, as ${both[1]}_path and ${both[1]}_data (${variable}_PATH and ${variable}_DATA, or those keys in ${origin.file ?? 'temporal.toml'}): keep one.`,
      );
    }
    throw new ConfigError(`The Temporal settings${origin.file ? ` in ${origin.file}` : ''} cannot be used: ${(err as Error).message}.`);
  }
}

const certificateSource = z.union([
  z.object({ path: z.string().min(1, 'write the path of a PEM file') }),
  z.object({ data: z.union([z.string().min(1, 'write the PEM text'), z.instanceof(Uint8Array)]) }),
]);
const profileSchema = z.object({
  address: z.string().regex(TEMPORAL_ADDRESS_PATTERN, TEMPORAL_ADDRESS_HINT).optional(),
  namespace: z.string().min(1, 'write a namespace name').optional(),
  apiKey: z.string().min(1, 'write the API key').optional(),
  tls: z.object({
    disabled: z.boolean().optional(),
    serverName: z.string().min(1, 'write the name in the server\'s certificate').optional(),
    clientCert: certificateSource.optional(),
    clientKey: certificateSource.optional(),
    serverCACert: certificateSource.optional(),
  }).optional(),
  grpcMeta: z.record(z.string(), z.string()).optional(),
});

/**
 * The profile as envconfig merged it, checked: the variables were checked by config.ts, so what is
 * wrong here came from the file. A client certificate needs its key and the key its certificate.
 */
function checkProfile(profile: ClientConfigProfile, origin: TemporalSettingsOrigin): z.infer<typeof profileSchema> {
  const parsed = profileSchema.safeParse(profile);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${tomlKey(issue.path)}: ${issue.message}`);
    const where = origin.file ? `Profile "${origin.profile}" of ${origin.file}` : 'The Temporal settings';
    throw new ConfigError(`${where} cannot be used:\n  ${lines.join('\n  ')}`);
  }
  const tls = parsed.data.tls;
  if (tls && !tls.disabled && (tls.clientCert === undefined) !== (tls.clientKey === undefined)) {
    throw new ConfigError(halfAPair({ origin, tls }, tls.clientCert ? 'clientCert' : 'clientKey'));
  }
  return parsed.data;
}

/** A client certificate without its key, or a key without its certificate. */
function halfAPair(target: Pick<TemporalTarget, 'origin' | 'tls'>, given: 'clientCert' | 'clientKey'): string {
  const missing = given === 'clientCert' ? 'clientKey' : 'clientCert';
  const what = given === 'clientCert' ? 'its private key' : 'a client certificate';
  const name = settingName(target, given);
  const { variable, key } = SETTINGS[missing];
  const fromFile = !target.origin.variables.some((v) => v.startsWith(SETTINGS[given].variable));
  const fix = fromFile && target.origin.file
    ? `add ${key}_path to that profile (or set ${variable}_PATH), or remove ${SETTINGS[given].key}_path`
    : `set ${variable}_PATH too, or unset ${name}`;
  return `${name} is set without ${what} (a client certificate goes with its key): ${fix}.`;
}

function tomlKey(issuePath: PropertyKey[]): string {
  const [field, sub, source] = issuePath.map(String);
  if (field === 'grpcMeta') return 'grpc_meta';
  if (field === 'tls' && sub && sub in SETTINGS) return `${SETTINGS[sub as TemporalSetting].key}${source ? `_${source}` : ''}`;
  if (field === 'tls') return sub ? `tls.${sub}` : 'tls';
  return field && field in SETTINGS ? SETTINGS[field as TemporalSetting].key : (field ?? 'profile');
}
