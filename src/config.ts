// Environment configuration. Every setting has an embedded default, so `npm start` works with no
// `.env` and no cloud account. Values are validated once, at start-up; a bad value stops the bot
// with a message that names the variable. Secrets are never logged (see `describeConfig`).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { redactedUrl } from './lib/redacted-url';
import { z } from 'zod';
import type { OutboundPolicy } from './outbound/gate';
import { repoRoot } from './lib/paths';

// An empty value (`MicrosoftAppId=` in a copied .env.example) means "not set".
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(unsetIfEmpty, z.string().trim().optional());
const int = (def: number, min: number, max: number) => z.preprocess(unsetIfEmpty, z.coerce.number().int().min(min).max(max).default(def));
const label = (max: number) => z.preprocess(unsetIfEmpty, z.string().trim().min(1).max(max).optional());
const hexColor = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'must be a hex colour such as #0F6CBD');
const color = (def: string) => z.preprocess(unsetIfEmpty, hexColor.default(def));
const optionalColor = z.preprocess(unsetIfEmpty, hexColor.optional());
/** An http(s) URL without a trailing slash. */
const baseUrl = (def: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .default(def)
      .refine((v) => /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?$/.test(v), 'must be an http(s) URL such as https://directline.botframework.com')
      .transform((v) => v.replace(/\/+$/, '')),
  );
const ORIGINS_MESSAGE = 'must be * or origins such as https://careers.example.com, separated by spaces or commas';
const isOriginList = (list: string[]) => list.join() === '*' || list.every((o) => /^https?:\/\/[^/?#\s*]+$/.test(o));
/** "*" or a list of origins (https://careers.example.com), separated by spaces or commas. */
const originList = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .trim()
    .default('*')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .refine((list) => list.length > 0 && isOriginList(list), ORIGINS_MESSAGE),
);
/** The same, or none when unset. Lower-cased: browsers send an Origin header in lower case. */
const optionalOriginList = z.preprocess(
  unsetIfEmpty,
  z
    .string()
    .trim()
    .optional()
    .transform((v) =>
      v
        ? v
            .toLowerCase()
            .split(/[\s,]+/)
            .filter(Boolean)
        : [],
    )
    .refine(isOriginList, ORIGINS_MESSAGE),
);

const envSchema = z.object({
  PORT: int(3978, 0, 65535),
  /** Interface to listen on; unset listens on every interface (IPv4 and IPv6). */
  HOST: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(unsetIfEmpty, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant')),
  MicrosoftAppTenantId: optionalString,
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  KNOWLEDGE_DIR: optionalString,
  /** Largest accepted request body on /api/messages, in bytes. */
  MAX_BODY_BYTES: int(64 * 1024, 1024, 16 * 1024 * 1024),
  /** Longest accepted message text, in characters (also the longest /api/ask query). */
  MAX_TEXT_CHARS: int(2000, 1, 100_000),
  /** Where conversation and user state live: "file" (default, survives restarts), "redis" (shared by instances) or "memory". */
  STATE_STORE: z.preprocess(unsetIfEmpty, z.enum(['file', 'redis', 'memory']).default('file')),
  /** The Redis server of STATE_STORE=redis, e.g. redis://:password@host:6379/0 (rediss:// for TLS). */
  REDIS_URL: z.preprocess(unsetIfEmpty, z.string().trim().url().default('redis://127.0.0.1:6379')),
  /** Prefix of every key the bot writes in Redis, so several bots can share one server. */
  REDIS_KEY_PREFIX: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/)
      .default('careers-faq:'),
  ),
  STATE_DIR: optionalString,
  /** Conversations and people not heard from for this many days are deleted from the file store. */
  STATE_TTL_DAYS: int(30, 1, 3650),
  /** Questions the bot could not answer well are kept this many days for `npm run report:unanswered`. */
  LEARNING_RETENTION_DAYS: int(90, 1, 3650),
  /** Salt of the user-id hashes in that record; unset: a random one, kept in the record's own file. */
  LEARNING_SALT: optionalString,
  /** Opens the analytics page at /admin to whoever sends it; unset: there is no /admin. */
  ADMIN_TOKEN: z.preprocess(
    unsetIfEmpty,
    z.string().trim().min(24, 'must be at least 24 characters (e.g. openssl rand -base64 32)').optional(),
  ),

  // Every call the bot makes to another host (replies to the channel, its access token, the
  // signing keys, the Azure Direct Line token exchange).
  /** Longest wait for one outbound request; a timed-out send is not retried. */
  OUTBOUND_TIMEOUT_MS: int(8000, 100, 120_000),
  /** Most outbound requests in flight at once; more wait up to 2 s for a slot, then fail. */
  OUTBOUND_MAX_CONCURRENT: int(64, 1, 10_000),
  /** How far V8 lets the heap grow past what survived the last full collection, in percent (0: V8's own choice). */
  HEAP_GROWING_PERCENT: int(50, 0, 300),
  /** GET /api/ask, for recruiters' tools: sites whose pages may call it (CORS); unset: none. */
  ASK_ALLOWED_ORIGINS: optionalOriginList,
  /** Questions one client address may ask per minute (a burst of this many, then evenly). */
  ASK_REQUESTS_PER_MINUTE: int(60, 1, 1_000_000),
  // The employer's application for this job: "how do I apply?" links to it.
  APPLY_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL such as https://jobs.example.com/account-manager')
      .optional(),
  ),

  // Web chat branding (the careers page, the chat page and the embed script). The name and the
  // accent colour default to the brand shared with the Teams package (BOT_NAME, BRAND_COLOR).
  BOT_NAME: label(60),
  BRAND_COLOR: optionalColor,
  WEBCHAT_BOT_NAME: label(60),
  WEBCHAT_BOT_INITIALS: label(4),
  WEBCHAT_USER_INITIALS: label(4),
  WEBCHAT_ACCENT_COLOR: optionalColor,
  WEBCHAT_BOT_BUBBLE_COLOR: color('#F1F4F8'),
  WEBCHAT_USER_BUBBLE_COLOR: color('#0F6CBD'),
  /** Sites allowed to show the chat page in an iframe (CSP frame-ancestors). */
  WEBCHAT_EMBED_ORIGINS: originList,

  // Direct Line. With a secret, the page gets its token from Azure through our server; without
  // one, it talks to the Direct Line endpoint built into this server.
  DIRECT_LINE_SECRET: optionalString,
  DIRECT_LINE_ENDPOINT: baseUrl('https://directline.botframework.com'),
  /** Signs the built-in endpoint's tokens; unset: a random key per process (tokens end on restart). */
  DIRECT_LINE_TOKEN_KEY: z.preprocess(
    unsetIfEmpty,
    z.string().trim().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  ),
  // Limits of the built-in endpoint.
  DIRECT_LINE_TOKEN_TTL_SECONDS: int(1800, 1, 24 * 60 * 60),
  DIRECT_LINE_CONVERSATION_IDLE_MINUTES: int(60, 1, 7 * 24 * 60),
  DIRECT_LINE_MAX_CONVERSATIONS: int(500, 1, 100_000),
  /** Conversations one client address may have open at once; a new one closes its least recently active. */
  DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS: int(20, 1, 100_000),
  DIRECT_LINE_MAX_ACTIVITIES: int(100, 2, 10_000),
  DIRECT_LINE_MAX_CONVERSATION_KB: int(128, 8, 16 * 1024),
  DIRECT_LINE_MAX_MESSAGE_BYTES: int(16 * 1024, 512, 1024 * 1024),
  DIRECT_LINE_POSTS_PER_MINUTE: int(20, 1, 10_000),
  DIRECT_LINE_NEW_CONVERSATIONS_PER_MINUTE: int(30, 1, 100_000),
});

/** The bot's name on the careers page, in the chat and in Teams when BOT_NAME is not set. */
export const DEFAULT_BOT_NAME = 'Careers assistant';

/** Branding of the web chat, from WEBCHAT_* variables. */
export interface WebChatConfig {
  botName: string;
  botInitials: string;
  userInitials: string;
  accentColor: string;
  botBubbleColor: string;
  userBubbleColor: string;
  /** ['*'] or the origins allowed to frame the chat page. */
  embedOrigins: string[];
  /**
   * The employer's application form for this job (APPLY_URL): the posting's Apply button and the
   * answer to "how do I apply?" link to it. Unset, both point to the posting's Apply section.
   */
  applyUrl?: string;
}

/** The Direct Line endpoint built into the server, or the Azure token exchange (DIRECT_LINE_*). */
export interface DirectLineConfig {
  /** The Azure Bot's Direct Line secret. Set: the page uses Azure Direct Line. Never logged. */
  secret?: string;
  /** Azure Direct Line base URL, without a trailing slash. */
  endpoint: string;
  /** Key of the built-in endpoint's token signatures; undefined: random per process. Never logged. */
  tokenKey?: string;
  tokenTtlSeconds: number;
  conversationIdleMinutes: number;
  maxConversations: number;
  maxConversationsPerAddress: number;
  maxActivities: number;
  maxConversationBytes: number;
  maxMessageBytes: number;
  postsPerMinute: number;
  newConversationsPerMinute: number;
  /** Limits of the Azure token exchange (the same OUTBOUND_* settings as the Bot Framework's). */
  outbound: OutboundPolicy;
}

/** GET /api/ask (ASK_*). */
export interface AskConfig {
  /** Origins whose pages may read its answers (CORS), ['*'] for any, [] for none (no CORS headers). */
  allowedOrigins: string[];
  /** Requests per minute per client address; more is a 429. */
  requestsPerMinute: number;
}

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
  stateStore: 'file' | 'redis' | 'memory';
  redis: RedisConfig;
  /** Folder of the file state store. */
  stateDir: string;
  stateTtlDays: number;
  /** The record of unanswered questions: SQLite in STATE_DIR (file store) or in memory. */
  learning: LearningConfig;
  /** The token that opens /admin (ADMIN_TOKEN); undefined: no /admin. Never logged. */
  adminToken?: string;
  /** Timeout and concurrency cap of every outbound call (OUTBOUND_*). */
  outbound: OutboundPolicy;
  heapGrowingPercent: number;
  ask: AskConfig;
  webchat: WebChatConfig;
  directLine: DirectLineConfig;
}

export interface RedisConfig {
  url: string;
  keyPrefix: string;
}

export interface LearningConfig {
  retentionDays: number;
  salt?: string;
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
  const outbound: OutboundPolicy = { timeoutMs: e.OUTBOUND_TIMEOUT_MS, maxConcurrent: e.OUTBOUND_MAX_CONCURRENT };
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    microsoftAppId: e.MicrosoftAppId,
    microsoftAppPassword: e.MicrosoftAppPassword,
    microsoftAppType: e.MicrosoftAppType,
    microsoftAppTenantId: e.MicrosoftAppTenantId,
    authEnabled: Boolean(e.MicrosoftAppId),
    logLevel: e.LOG_LEVEL,
    knowledgeDir: e.KNOWLEDGE_DIR ? path.resolve(e.KNOWLEDGE_DIR) : path.join(repoRoot, 'knowledge'),
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxTextChars: e.MAX_TEXT_CHARS,
    stateStore: e.STATE_STORE,
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    stateDir: e.STATE_DIR ? path.resolve(e.STATE_DIR) : path.join(repoRoot, 'data', 'state'),
    stateTtlDays: e.STATE_TTL_DAYS,
    learning: { retentionDays: e.LEARNING_RETENTION_DAYS, salt: e.LEARNING_SALT },
    adminToken: e.ADMIN_TOKEN,
    outbound,
    heapGrowingPercent: e.HEAP_GROWING_PERCENT,
    ask: { allowedOrigins: e.ASK_ALLOWED_ORIGINS, requestsPerMinute: e.ASK_REQUESTS_PER_MINUTE },
    webchat: {
      applyUrl: e.APPLY_URL,
      botName: e.WEBCHAT_BOT_NAME ?? e.BOT_NAME ?? DEFAULT_BOT_NAME,
      botInitials: e.WEBCHAT_BOT_INITIALS ?? 'CA',
      userInitials: e.WEBCHAT_USER_INITIALS ?? 'You',
      accentColor: e.WEBCHAT_ACCENT_COLOR ?? e.BRAND_COLOR ?? '#0F6CBD',
      botBubbleColor: e.WEBCHAT_BOT_BUBBLE_COLOR,
      userBubbleColor: e.WEBCHAT_USER_BUBBLE_COLOR,
      embedOrigins: e.WEBCHAT_EMBED_ORIGINS,
    },
    directLine: {
      secret: e.DIRECT_LINE_SECRET,
      endpoint: e.DIRECT_LINE_ENDPOINT,
      tokenKey: e.DIRECT_LINE_TOKEN_KEY,
      tokenTtlSeconds: e.DIRECT_LINE_TOKEN_TTL_SECONDS,
      conversationIdleMinutes: e.DIRECT_LINE_CONVERSATION_IDLE_MINUTES,
      maxConversations: e.DIRECT_LINE_MAX_CONVERSATIONS,
      maxConversationsPerAddress: e.DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS,
      maxActivities: e.DIRECT_LINE_MAX_ACTIVITIES,
      maxConversationBytes: e.DIRECT_LINE_MAX_CONVERSATION_KB * 1024,
      maxMessageBytes: e.DIRECT_LINE_MAX_MESSAGE_BYTES,
      postsPerMinute: e.DIRECT_LINE_POSTS_PER_MINUTE,
      newConversationsPerMinute: e.DIRECT_LINE_NEW_CONVERSATIONS_PER_MINUTE,
      outbound,
    },
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

/**
 * Settings that start the bot but probably not as meant, for a warning at start-up. The Teams
 * package reads the same configuration and needs no password, so these are not refusals.
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.authEnabled && !config.microsoftAppPassword && config.microsoftAppType !== 'UserAssignedMSI') {
    warnings.push(
      `MicrosoftAppId is set but MicrosoftAppPassword is not: requests are authenticated, but the bot cannot get a token to reply with (${config.microsoftAppType} needs the password)`,
    );
  }
  return warnings;
}

function describeStore(config: Config): string {
  if (config.stateStore === 'memory') return 'memory (lost on restart)';
  const kept = `kept ${config.stateTtlDays} days`;
  return config.stateStore === 'file' ? `file (${config.stateDir}, ${kept})` : `redis (${redactedUrl(config.redis.url)}, ${kept})`;
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
    state: describeStore(config),
    unansweredQuestions: `kept ${config.learning.retentionDays} days ${{ file: 'in questions.sqlite', redis: 'in Redis', memory: 'in memory' }[config.stateStore]}`,
    logLevel: config.logLevel,
    admin: config.adminToken ? 'analytics page at /admin (ADMIN_TOKEN set)' : 'off (ADMIN_TOKEN unset)',
    outbound: `timeout ${config.outbound.timeoutMs} ms, at most ${config.outbound.maxConcurrent} at once`,
    ask: `${config.ask.requestsPerMinute} a minute per client address; CORS ${config.ask.allowedOrigins.join(' ') || 'off'}`,
    webchat: config.directLine.secret
      ? `Azure Direct Line (${config.directLine.endpoint}; secret set)`
      : `built-in Direct Line endpoint (/v3/directline, up to ${config.directLine.maxConversations} conversations, ` +
        `${config.directLine.maxConversationsPerAddress} per address; tokens signed with ` +
        `${config.directLine.tokenKey ? 'DIRECT_LINE_TOKEN_KEY' : config.stateStore === 'redis' ? 'a key shared through Redis' : 'a random key: they end on restart'})`,
  };
}
