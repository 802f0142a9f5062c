// `npm run teams:package`: builds the Microsoft Teams app package (manifest.json, color.png and
// outline.png in a zip) from the configuration in the environment or `.env`, checks it first (the
// manifest against the Teams 1.17 JSON schema, offline; the version; both icons) and writes
// artifacts/teams/<name>-<version>.zip only when nothing is wrong. Every problem is printed, each
// naming the variable or file to fix, and the exit status is then 1. Secrets are never read into
// the package or printed: only MicrosoftAppId is taken from the bot's credentials.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { ConfigError, DEFAULT_BOT_NAME, loadConfig, loadDotEnv } from '../config';
import { repoRoot } from '../lib/paths';
import { iconProblems, teamsIcons } from '../teams/icons';
import { KnowledgeError, loadKnowledge } from '../knowledge/load';
import {
  botCommands,
  buildManifest,
  ICONS,
  isSemver,
  TeamsManifestError,
  type BotCommand,
  type TeamsAppConfig,
  type TeamsManifest,
} from '../teams/manifest';
import { createZip } from '../teams/zip';

export const DEFAULT_OUT_DIR = path.join(repoRoot, 'artifacts', 'teams');

/** Defaults for the optional variables. The URLs are placeholders on example.com (reserved for
 * examples): fine for sideloading, to be replaced before an app goes into an organisation's catalogue. */
export const TEAMS_DEFAULTS = {
  TEAMS_APP_VERSION: '1.0.0',
  BOT_NAME: DEFAULT_BOT_NAME,
  TEAMS_DEVELOPER_NAME: 'Careers FAQ team',
  TEAMS_WEBSITE_URL: 'https://example.com/careers-faq',
  TEAMS_PRIVACY_URL: 'https://example.com/careers-faq/privacy',
  TEAMS_TERMS_URL: 'https://example.com/careers-faq/terms',
  BRAND_COLOR: '#0F6CBD',
} as const;

export type TeamsPackageResult =
  { ok: true; zipPath: string; manifest: TeamsManifest; entries: string[] } | { ok: false; problems: string[] };

/**
 * The Teams app configuration from environment variables (MicrosoftAppId through `loadConfig`,
 * the rest read here; empty values count as unset) and warnings about placeholder defaults.
 * Throws ConfigError when `loadConfig` does.
 */
export function teamsConfigFromEnv(env: Record<string, string | undefined> = process.env): {
  config: TeamsAppConfig;
  warnings: string[];
  /** The knowledge base the command menu is built from (KNOWLEDGE_DIR). */
  knowledgeDir: string;
} {
  const { microsoftAppId, knowledgeDir } = loadConfig(env);
  const warnings: string[] = [];
  const read = (name: keyof typeof TEAMS_DEFAULTS): string => {
    const value = env[name]?.trim();
    if (value) return value;
    if (name.endsWith('_URL')) {
      warnings.push(
        `${name} is not set: using the placeholder ${TEAMS_DEFAULTS[name]} (fine for sideloading; set a real page before publishing)`,
      );
    }
    return TEAMS_DEFAULTS[name];
  };
  const config: TeamsAppConfig = {
    microsoftAppId,
    teamsAppId: env.TEAMS_APP_ID?.trim() || undefined,
    version: read('TEAMS_APP_VERSION'),
    botName: read('BOT_NAME'),
    developerName: read('TEAMS_DEVELOPER_NAME'),
    websiteUrl: read('TEAMS_WEBSITE_URL'),
    privacyUrl: read('TEAMS_PRIVACY_URL'),
    termsOfUseUrl: read('TEAMS_TERMS_URL'),
    publicHost: env.PUBLIC_HOST?.trim() || undefined,
    brandColor: read('BRAND_COLOR'),
  };
  return { config, warnings, knowledgeDir };
}

/** The zip's file name: the bot's name as a slug, then the version ("careers-assistant-1.0.0.zip"). */
export function packageFileName(manifest: TeamsManifest): string {
  const slug = manifest.name.short
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'teams-app'}-${manifest.version}.zip`;
}

/** Problems Teams would reject the package for: the JSON schema's, the version's and the icons'. */
export async function packageProblems(manifest: TeamsManifest, files: Record<string, Uint8Array>): Promise<string[]> {
  const problems = (await AppManifestUtils.validateAgainstSchema(manifest)).map((p) => `manifest.json ${p.trim()}`);
  if (!isSemver(manifest.version)) {
    problems.push(`manifest.json /version must be MAJOR.MINOR.PATCH such as 1.0.0 (is "${manifest.version}")`);
  }
  for (const kind of ['color', 'outline'] as const) {
    const { file, size } = ICONS[kind];
    const png = files[manifest.icons[kind]];
    if (!png) problems.push(`${manifest.icons[kind]}: the manifest names an icon the package does not hold`);
    else problems.push(...iconProblems(file, png, size, kind));
  }
  return problems;
}

/**
 * Builds the package for `config` into `outDir` (created if need be). Nothing is written when
 * anything is wrong; the result then lists every problem.
 */
export async function buildTeamsPackage(
  config: TeamsAppConfig,
  outDir: string,
  commands: readonly BotCommand[],
): Promise<TeamsPackageResult> {
  let manifest: TeamsManifest;
  try {
    manifest = buildManifest(config, commands);
  } catch (error) {
    if (error instanceof TeamsManifestError) return { ok: false, problems: error.problems };
    throw error;
  }
  const files: Record<string, Uint8Array> = {
    'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'),
    ...teamsIcons(config.brandColor, config.botName),
  };
  const problems = await packageProblems(manifest, files);
  if (problems.length) return { ok: false, problems };
  const entries = Object.keys(files);
  const zip = createZip(entries.map((name) => ({ name, data: files[name] })));
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, packageFileName(manifest));
  writeFileSync(zipPath, zip);
  return { ok: true, zipPath, manifest, entries };
}

export interface Output {
  log: (line: string) => void;
  error: (line: string) => void;
}

/** The command: returns the exit status (0 written, 1 problems). Never prints a secret. */
export async function main(
  env: Record<string, string | undefined> = process.env,
  outDir: string = DEFAULT_OUT_DIR,
  out: Output = { log: (l) => console.log(l), error: (l) => console.error(l) },
): Promise<number> {
  let read: ReturnType<typeof teamsConfigFromEnv>;
  try {
    read = teamsConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.error(`teams:package: ${error.message}`);
    return 1;
  }
  let commands: BotCommand[];
  try {
    commands = botCommands(loadKnowledge(read.knowledgeDir));
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    out.error(`teams:package: the knowledge base has problems (npm run kb:check lists them)`);
    return 1;
  }
  const result = await buildTeamsPackage(read.config, outDir, commands);
  if (!result.ok) {
    out.error(`teams:package: the Teams app package was not built; ${result.problems.length} problem(s):`);
    for (const problem of result.problems) out.error(`  ${problem}`);
    return 1;
  }
  for (const warning of read.warnings) out.error(`warning: ${warning}`);
  const { manifest } = result;
  out.log(`Teams app package written: ${result.zipPath}`);
  out.log(`  app "${manifest.name.short}" ${manifest.version}, app id ${manifest.id}, bot ${manifest.bots?.[0]?.botId}`);
  out.log(`  files: ${result.entries.join(', ')}`);
  out.log('  upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app');
  return 0;
}

if (require.main === module) {
  loadDotEnv();
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`teams:package: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
