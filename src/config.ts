// Environment configuration. Every setting has an embedded default, so `npm start` works with no
// `.env` and no cloud account. Values are validated once, at start-up; a bad value stops the bot
// with a message that names the variable. Secrets are never logged (see `describeConfig`).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from './paths';

// An empty value (`MicrosoftAppId=` in a copied .env.example) means "not set".
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(unsetIfEmpty, z.string().trim().optional());
const int = (def: number, min: number, max: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).max(max).default(def));

const envSchema = z.object({
  PORT: int(3978, 0, 65535),
  /** Interface to listen on; unset listens on every interface (IPv4 and IPv6). */
  HOST: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(
    unsetIfEmpty,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  ),
  MicrosoftAppTenantId: optionalString,
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  KNOWLEDGE_DIR: optionalString,
  /** Largest accepted request body on /api/messages, in bytes. */
  MAX_BODY_BYTES: int(64 * 1024, 1024, 16 * 1024 * 1024),
  /** Longest accepted message text, in characters (also the longest /api/ask query). */
  MAX_TEXT_CHARS: int(2000, 1, 100_000),
  /** Where conversation and user state live: "file" (default, survives restarts) or "memory". */
  STATE_STORE: z.preprocess(unsetIfEmpty, z.enum(['file', 'memory']).default('file')),
  STATE_DIR: optionalString,
  /** Conversations and people not heard from for this many days are deleted from the file store. */
  STATE_TTL_DAYS: int(30, 1, 3650),
});

export interface Config {
  port: number;
  host?: string;
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  microsoftAppTenantId?: string;
  /** True when MicrosoftAppId is set: requests to /api/messages must carry a valid token. */
  authEnabled: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  knowledgeDir: string;
  maxBodyBytes: number;
  maxTextChars: number;
  stateStore: 'file' | 'memory';
  /** Folder of the file state store. */
  stateDir: string;
  stateTtlDays: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration from `env` (process.env by default). Throws ConfigError. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    microsoftAppId: e.MicrosoftAppId,
    microsoftAppPassword: e.MicrosoftAppPassword,
    microsoftAppType: e.MicrosoftAppType,
    microsoftAppTenantId: e.MicrosoftAppTenantId,
    authEnabled: Boolean(e.MicrosoftAppId),
    logLevel: e.LOG_LEVEL,
    knowledgeDir: e.KNOWLEDGE_DIR
      ? path.resolve(e.KNOWLEDGE_DIR)
      : path.join(repoRoot, 'knowledge'),
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxTextChars: e.MAX_TEXT_CHARS,
    stateStore: e.STATE_STORE,
    stateDir: e.STATE_DIR ? path.resolve(e.STATE_DIR) : path.join(repoRoot, 'data', 'state'),
    stateTtlDays: e.STATE_TTL_DAYS,
  };
  const problems: string[] = [];
  if (config.microsoftAppType === 'SingleTenant' || config.microsoftAppType === 'UserAssignedMSI') {
    if (!config.microsoftAppId) problems.push(`MicrosoftAppId is required for ${config.microsoftAppType}`);
    if (!config.microsoftAppTenantId) {
      problems.push(`MicrosoftAppTenantId is required for ${config.microsoftAppType}`);
    }
  }
  if (config.microsoftAppType === 'UserAssignedMSI' && config.microsoftAppPassword) {
    problems.push('MicrosoftAppPassword must be empty for UserAssignedMSI');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config;
}

/** Loads `.env` from the working directory into process.env, if the file exists. Variables already
 * set in the environment win over the file. */
export function loadDotEnv(file: string = path.resolve('.env')): boolean {
  if (!existsSync(file)) return false;
  const loadEnvFile = (process as { loadEnvFile?: (p: string) => void }).loadEnvFile;
  if (typeof loadEnvFile !== 'function') return false; // Node < 20.12
  const before = { ...process.env };
  loadEnvFile(file);
  Object.assign(process.env, before); // the real environment takes precedence
  return true;
}

/** A log-safe summary of the configuration: no secrets. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    port: config.port,
    host: config.host ?? '(all interfaces)',
    auth: config.authEnabled ? `on (${config.microsoftAppType})` : 'off (MicrosoftAppId unset)',
    knowledgeDir: config.knowledgeDir,
    maxBodyBytes: config.maxBodyBytes,
    maxTextChars: config.maxTextChars,
    state: config.stateStore === 'file' ? `file (${config.stateDir}, kept ${config.stateTtlDays} days)` : 'memory (lost on restart)',
    logLevel: config.logLevel,
  };
}
