// The Microsoft Teams app manifest (schema 1.17) of the careers FAQ bot, built from a plain
// configuration object: the bot in personal chats, teams and group chats with a few sample
// questions, and a search-based message extension that finds answers to share in a conversation.
// Pure: no I/O, no botbuilder. Problems with the configuration are reported naming the
// environment variable to fix (see `teamsConfigProblems`).
import { createHash } from 'node:crypto';
import type { TeamsManifestV1D17 } from '@microsoft/app-manifest';
import { FLOW_IDS } from '../flows/commands';
import type { KnowledgeBase } from '../knowledge/load';

export type TeamsManifest = TeamsManifestV1D17.TeamsManifestV1D17;

export const MANIFEST_VERSION = '1.17';
export const MANIFEST_SCHEMA_URL = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json';

/** The two icons every Teams app carries, at the zip root, with the sizes Teams requires. */
export const ICONS = {
  color: { file: 'color.png', size: 192 },
  outline: { file: 'outline.png', size: 32 },
} as const;

/** The id of the message extension's search command (what the bot sees as `commandId`). */
export const SEARCH_COMMAND_ID = 'searchAnswers';
/** The name of its one parameter (the typed search text arrives under this name). */
export const SEARCH_PARAMETER = 'query';

/** One command of the bot's menu in Teams: its title is sent as typed when picked. */
export interface BotCommand {
  title: string;
  description: string;
}

/**
 * The command menu from the knowledge base: its sample questions, every flow's button (so the menu
 * starts the flows exactly as their buttons do), then help.
 */
export function botCommands(kb: Pick<KnowledgeBase, 'messages' | 'flows'>): BotCommand[] {
  const { questions, help } = kb.messages.commandMenu;
  const flows = FLOW_IDS.map((id) => ({ title: kb.flows[id].button, description: kb.flows[id].menu }));
  return [...questions, ...flows, help].map(({ title, description }) => ({ title, description }));
}

/** What the manifest is built from. Each field says which environment variable sets it. */
export interface TeamsAppConfig {
  /** MicrosoftAppId: the bot's app registration (Azure Bot → Configuration). Required. */
  microsoftAppId?: string;
  /** TEAMS_APP_ID: the Teams app's own id; unset, a stable id derived from the MicrosoftAppId. */
  teamsAppId?: string;
  /** TEAMS_APP_VERSION: MAJOR.MINOR.PATCH; raise it for every package you upload again. */
  version: string;
  /** BOT_NAME: the app's name in Teams (at most 30 characters). */
  botName: string;
  /** TEAMS_DEVELOPER_NAME (at most 32 characters). */
  developerName: string;
  /** TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL: https pages Teams links to. */
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
  /** PUBLIC_HOST: the host the bot is reached on (a host name or URL); becomes `validDomains`. */
  publicHost?: string;
  /** BRAND_COLOR: `#RRGGBB`, the accent colour and the colour icon's background. */
  brandColor: string;
}

export class TeamsManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app manifest:\n  ${problems.join('\n  ')}`);
    this.name = 'TeamsManifestError';
  }
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
// MAJOR.MINOR.PATCH, no leading zeros, no pre-release or build part: what Teams accepts (the
// 1.17 schema only caps the length of `version`).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const isGuid = (value: string): boolean => GUID.test(value);
export const isSemver = (value: string): boolean => SEMVER.test(value);
export const isHexColor = (value: string): boolean => HEX_COLOR.test(value);

/**
 * The host name in PUBLIC_HOST ("bot.example.com", "https://bot.example.com/api/messages",
 * "*.example.com"), lower-cased, without scheme, port or path; undefined if it is not one.
 */
export function publicHostDomain(publicHost: string): string | undefined {
  const value = publicHost.trim();
  const wildcard = value.startsWith('*.');
  let host: string;
  try {
    const url = new URL(value.includes('://') ? value : `https://${wildcard ? value.slice(2) : value}`);
    host = url.hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const domain = wildcard ? `*.${host}` : host;
  return HOST_NAME.test(domain) && domain.length <= 2048 ? domain : undefined;
}

// A fixed namespace for the name-based app ids below (any constant UUID does; never change it,
// or every package built so far gets a new app id and Teams sees a different app).
const APP_ID_NAMESPACE = '5f0e2a8c-7c1d-4c36-9a51-3b8e6f2d9e47';

/**
 * A stable Teams app id for a bot: the RFC 4122 version 5 (SHA-1, name-based) UUID of the
 * MicrosoftAppId. The same bot always gets the same app id, so a rebuilt package updates the app
 * already in Teams instead of adding a second one; it differs from the bot id itself.
 */
export function teamsAppIdFor(microsoftAppId: string): string {
  const namespace = Buffer.from(APP_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(`teams-app:${microsoftAppId.trim().toLowerCase()}`).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function httpsUrlProblem(variable: string, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${variable} must be an https URL (got "${value}")`;
  }
  if (url.protocol !== 'https:') return `${variable} must be an https URL (got "${value}")`;
  if (value.length > 2048) return `${variable} must be at most 2048 characters`;
  return undefined;
}

/** Everything wrong with the configuration, each naming the variable to fix; [] when it is fine. */
export function teamsConfigProblems(config: TeamsAppConfig): string[] {
  const problems: string[] = [];
  const appId = config.microsoftAppId?.trim();
  if (!appId) {
    problems.push(
      "MicrosoftAppId is not set: the Teams app needs the bot's Microsoft App ID " +
        '(Azure portal → your Azure Bot → Configuration). Set MicrosoftAppId in .env or the environment.',
    );
  } else if (!isGuid(appId)) {
    problems.push(`MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "${appId}")`);
  }
  const teamsAppId = config.teamsAppId?.trim();
  if (teamsAppId && !isGuid(teamsAppId)) {
    problems.push(`TEAMS_APP_ID must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "${teamsAppId}")`);
  }
  if (!isSemver(config.version)) {
    problems.push(`TEAMS_APP_VERSION must be a version MAJOR.MINOR.PATCH such as 1.0.0 (got "${config.version}")`);
  }
  const name = config.botName.trim();
  if (!name) problems.push('BOT_NAME must not be empty');
  else if (name.length > 30) problems.push(`BOT_NAME must be at most 30 characters (got ${name.length})`);
  const developer = config.developerName.trim();
  if (!developer) problems.push('TEAMS_DEVELOPER_NAME must not be empty');
  else if (developer.length > 32) {
    problems.push(`TEAMS_DEVELOPER_NAME must be at most 32 characters (got ${developer.length})`);
  }
  for (const [variable, value] of [
    ['TEAMS_WEBSITE_URL', config.websiteUrl],
    ['TEAMS_PRIVACY_URL', config.privacyUrl],
    ['TEAMS_TERMS_URL', config.termsOfUseUrl],
  ] as const) {
    const problem = httpsUrlProblem(variable, value);
    if (problem) problems.push(problem);
  }
  if (config.publicHost?.trim() && !publicHostDomain(config.publicHost)) {
    problems.push(`PUBLIC_HOST must be a host name such as careers-bot.azurewebsites.net (got "${config.publicHost}")`);
  }
  if (!isHexColor(config.brandColor)) {
    problems.push(`BRAND_COLOR must be a colour #RRGGBB such as #0F6CBD (got "${config.brandColor}")`);
  }
  return problems;
}

/** The manifest.json object. Throws TeamsManifestError (listing every problem) on a bad config. */
export function buildManifest(config: TeamsAppConfig, commands: readonly BotCommand[]): TeamsManifest {
  const problems = teamsConfigProblems(config);
  if (problems.length) throw new TeamsManifestError(problems);
  const botId = config.microsoftAppId!.trim().toLowerCase();
  const name = config.botName.trim();
  const domain = config.publicHost?.trim() ? publicHostDomain(config.publicHost) : undefined;
  const scopes: ('personal' | 'team' | 'groupChat')[] = ['personal', 'team', 'groupChat'];
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: config.version,
    id: (config.teamsAppId?.trim() || teamsAppIdFor(botId)).toLowerCase(),
    developer: {
      name: config.developerName.trim(),
      websiteUrl: config.websiteUrl,
      privacyUrl: config.privacyUrl,
      termsOfUseUrl: config.termsOfUseUrl,
    },
    name: { short: name, full: name },
    description: {
      short: 'Answers questions about the account manager role and its career path.',
      full:
        'Ask about the account manager role: what the job involves, the skills it takes, what it ' +
        'pays and how to get in. The bot can also guide you step by step: walk through the career ' +
        'path, check your skills, estimate your salary or plan how to break into the field. In any ' +
        'chat or channel, search its answers from the message box and share one in the conversation.',
    },
    icons: { color: ICONS.color.file, outline: ICONS.outline.file },
    accentColor: config.brandColor.toUpperCase(),
    bots: [
      {
        botId,
        scopes,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes, commands: commands.map((c) => ({ ...c })) }],
      },
    ],
    composeExtensions: [
      {
        botId,
        commands: [
          {
            id: SEARCH_COMMAND_ID,
            type: 'query',
            title: 'Search answers',
            description: 'Find an answer about the account manager role and share it',
            context: ['compose', 'commandBox'],
            initialRun: true,
            parameters: [
              {
                name: SEARCH_PARAMETER,
                title: 'Question',
                description: 'A question about the role, e.g. "what do account managers earn?"',
                inputType: 'text',
              },
            ],
          },
        ],
      },
    ],
    validDomains: domain ? [domain] : [],
  };
}
