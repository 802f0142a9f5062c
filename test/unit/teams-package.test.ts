// `npm run teams:package`: the manifest and the command's core, built
// into a temporary folder and read back with the independent zip reader in
// test/support/zip-png.ts, so what Teams would receive is what is checked. The zip writer and the
// icons have their own file, teams-zip-icons.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, main, packageProblems, teamsConfigFromEnv } from '../../src/cli/teams-package';
import { iconProblems } from '../../src/teams/icons';
import {
  botCommands,
  buildManifest,
  publicHostDomain,
  SEARCH_COMMAND_ID,
  teamsAppIdFor,
  teamsConfigProblems,
  type TeamsAppConfig,
  type TeamsManifest,
} from '../../src/teams/manifest';
import { loadKnowledge } from '../../src/knowledge/load';
import { useTempDirs } from '../support/temp-dirs';
import { ihdr, readZip } from '../support/zip-png';

const kb = loadKnowledge();
const COMMANDS = botCommands(kb);
const APP_ID = '8e6a1b2c-3d4e-4f50-9a1b-2c3d4e5f6a7b';
const PASSWORD = 'pw~Sup3r.S3cret_value-0123456789';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const tempDir = useTempDirs('teams-package-');

const config = (over: Partial<TeamsAppConfig> = {}): TeamsAppConfig => ({
  ...teamsConfigFromEnv({ MicrosoftAppId: APP_ID }).config,
  ...over,
});

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) } };
}

describe('manifest', () => {
  it('derives a stable app id from the MicrosoftAppId unless TEAMS_APP_ID is set', () => {
    const id = teamsAppIdFor(APP_ID);
    expect(id).toMatch(GUID);
    expect(id).not.toBe(APP_ID);
    expect(teamsAppIdFor(APP_ID.toUpperCase())).toBe(id);
    expect(teamsAppIdFor('00000000-0000-0000-0000-000000000001')).not.toBe(id);
    expect(buildManifest(config(), COMMANDS).id).toBe(id);
    const own = '11111111-2222-4333-8444-555555555555';
    expect(buildManifest(config({ teamsAppId: own }), COMMANDS).id).toBe(own);
  });

  it('turns PUBLIC_HOST into validDomains', () => {
    expect(publicHostDomain('careers-bot.azurewebsites.net')).toBe('careers-bot.azurewebsites.net');
    expect(publicHostDomain('https://Bot.Example.com:8443/api/messages')).toBe('bot.example.com');
    expect(publicHostDomain('*.example.com')).toBe('*.example.com');
    expect(publicHostDomain('not a host')).toBeUndefined();
    expect(buildManifest(config({ publicHost: 'https://bot.example.com/' }), COMMANDS).validDomains).toEqual(['bot.example.com']);
    expect(buildManifest(config(), COMMANDS).validDomains).toEqual([]);
  });

  it('names the variable behind each problem', () => {
    const problems = teamsConfigProblems(
      config({
        microsoftAppId: 'my-bot',
        teamsAppId: 'x',
        version: 'v1',
        botName: 'A name far too long for the Teams app bar',
        developerName: '',
        websiteUrl: 'http://example.com',
        privacyUrl: 'nope',
        publicHost: 'bad host',
        brandColor: 'blue',
      }),
    );
    for (const variable of [
      'MicrosoftAppId',
      'TEAMS_APP_ID',
      'TEAMS_APP_VERSION',
      'BOT_NAME',
      'TEAMS_DEVELOPER_NAME',
      'TEAMS_WEBSITE_URL',
      'TEAMS_PRIVACY_URL',
      'PUBLIC_HOST',
      'BRAND_COLOR',
    ]) {
      expect(problems.some((p) => p.startsWith(`${variable} `))).toBe(true);
    }
    expect(problems).toHaveLength(9);
  });

  it('accepts only MAJOR.MINOR.PATCH versions', () => {
    for (const good of ['1.0.0', '0.1.0', '10.20.300']) expect(teamsConfigProblems(config({ version: good }))).toEqual([]);
    for (const bad of ['1.0', '1', '01.0.0', '1.0.0-beta', '1.0.0.0', 'latest']) {
      expect(teamsConfigProblems(config({ version: bad }))).toEqual([
        `TEAMS_APP_VERSION must be a version MAJOR.MINOR.PATCH such as 1.0.0 (got "${bad}")`,
      ]);
    }
  });

  it('passes the schema check, and the schema check catches what it should', async () => {
    const manifest = buildManifest(config(), COMMANDS);
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
    const broken = { ...manifest, accentColor: 'blue', version: '1.0' } as TeamsManifest;
    const problems = await packageProblems(broken, {});
    expect(problems.some((p) => p.startsWith('manifest.json /accentColor must match pattern'))).toBe(true);
    expect(problems).toContain('manifest.json /version must be MAJOR.MINOR.PATCH such as 1.0.0 (is "1.0")');
    expect(problems).toContain('color.png: the manifest names an icon the package does not hold');
  });
});

describe('buildTeamsPackage', () => {
  it('writes a zip with the manifest and both icons at its root', async () => {
    const outDir = path.join(tempDir(), 'nested', 'out');
    const result = await buildTeamsPackage(config({ publicHost: 'careers-bot.azurewebsites.net' }), outDir, COMMANDS);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.zipPath).toBe(path.join(outDir, 'careers-assistant-1.0.0.zip'));
    expect(readdirSync(outDir)).toEqual(['careers-assistant-1.0.0.zip']);
    const files = readZip(readFileSync(result.zipPath));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as TeamsManifest;
    expect(manifest).toEqual(result.manifest);
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
    expect(manifest.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.version).toBe('1.0.0');
    expect(manifest.id).toBe(teamsAppIdFor(APP_ID));
    expect(manifest.name.short).toBe('Careers assistant');
    expect(manifest.accentColor).toBe('#0F6CBD');
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.validDomains).toEqual(['careers-bot.azurewebsites.net']);

    const bot = manifest.bots![0];
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const titles = bot.commandLists!.flatMap((l) => l.commands.map((c) => c.title));
    // The menu starts each flow with the very words of its button, so the bot reads it as the button.
    for (const flow of [kb.flows.careerPath, kb.flows.skillsCheck, kb.flows.salaryEstimate, kb.flows.breakingIn]) {
      expect(titles).toContain(flow.button);
    }
    expect(titles).toEqual(expect.arrayContaining(kb.messages.commandMenu.questions.map((q) => q.title)));
    expect(titles.at(-1)).toBe(kb.messages.commandMenu.help.title);

    const extension = manifest.composeExtensions![0];
    expect(extension.botId).toBe(APP_ID);
    expect(extension.commands).toHaveLength(1);
    expect(extension.commands![0]).toMatchObject({
      id: SEARCH_COMMAND_ID,
      type: 'query',
      context: ['compose', 'commandBox'],
      initialRun: true,
      parameters: [{ name: 'query', title: 'Question', inputType: 'text' }],
    });
    expect(SEARCH_COMMAND_ID).toBe('searchAnswers');

    expect(ihdr(files.get('color.png')!)).toEqual({ width: 192, height: 192, depth: 8, colorType: 6 });
    expect(ihdr(files.get('outline.png')!)).toEqual({ width: 32, height: 32, depth: 8, colorType: 6 });
    expect(iconProblems('outline.png', files.get('outline.png')!, 32, 'outline')).toEqual([]);
  });

  it('builds the same bytes twice', async () => {
    const a = await buildTeamsPackage(config(), tempDir(), COMMANDS);
    const b = await buildTeamsPackage(config(), tempDir(), COMMANDS);
    if (!a.ok || !b.ok) throw new Error('not built');
    expect(readFileSync(a.zipPath)).toEqual(readFileSync(b.zipPath));
  });

  it('writes nothing and lists every problem when the configuration is wrong', async () => {
    const outDir = path.join(tempDir(), 'out');
    const result = await buildTeamsPackage(config({ microsoftAppId: undefined, version: '1.0' }), outDir, COMMANDS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatch(/^MicrosoftAppId is not set/);
    expect(result.problems[1]).toMatch(/^TEAMS_APP_VERSION must be a version MAJOR\.MINOR\.PATCH/);
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('the teams:package command', () => {
  const env = {
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: PASSWORD,
    TEAMS_APP_VERSION: '2.3.4',
    BOT_NAME: 'Careers Helper',
    TEAMS_DEVELOPER_NAME: 'Contoso HR',
    TEAMS_WEBSITE_URL: 'https://contoso.example/careers',
    TEAMS_PRIVACY_URL: 'https://contoso.example/privacy',
    TEAMS_TERMS_URL: 'https://contoso.example/terms',
    PUBLIC_HOST: 'careers.contoso.example',
    BRAND_COLOR: '#c43e1c',
  };

  it('reads its variables, with defaults for empty ones', () => {
    const { config: c, warnings } = teamsConfigFromEnv(env);
    expect(c).toEqual({
      microsoftAppId: APP_ID,
      teamsAppId: undefined,
      version: '2.3.4',
      botName: 'Careers Helper',
      developerName: 'Contoso HR',
      websiteUrl: 'https://contoso.example/careers',
      privacyUrl: 'https://contoso.example/privacy',
      termsOfUseUrl: 'https://contoso.example/terms',
      publicHost: 'careers.contoso.example',
      brandColor: '#c43e1c',
    });
    expect(warnings).toEqual([]);
    expect(JSON.stringify(c)).not.toContain(PASSWORD);
    const defaults = teamsConfigFromEnv({ MicrosoftAppId: APP_ID, BOT_NAME: ' ', TEAMS_APP_ID: '', PUBLIC_HOST: '' });
    expect(defaults.config).toMatchObject({
      version: '1.0.0',
      botName: 'Careers assistant',
      brandColor: '#0F6CBD',
      teamsAppId: undefined,
      publicHost: undefined,
    });
    expect(defaults.warnings.map((w) => w.split(' ')[0])).toEqual(['TEAMS_WEBSITE_URL', 'TEAMS_PRIVACY_URL', 'TEAMS_TERMS_URL']);
  });

  it('writes the package, prints its path and never the password', async () => {
    const outDir = tempDir();
    const { lines, out } = capture();
    expect(await main(env, outDir, out)).toBe(0);
    const zipPath = path.join(outDir, 'careers-helper-2.3.4.zip');
    expect(lines[0]).toBe(`Teams app package written: ${zipPath}`);
    const zip = readFileSync(zipPath);
    const files = readZip(zip);
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as TeamsManifest;
    expect(manifest).toMatchObject({ version: '2.3.4', accentColor: '#C43E1C', validDomains: ['careers.contoso.example'] });
    expect(manifest.developer).toMatchObject({ name: 'Contoso HR', privacyUrl: 'https://contoso.example/privacy' });
    for (const haystack of [lines.join('\n'), zip.toString('latin1'), ...[...files.values()].map((f) => f.toString('latin1'))]) {
      expect(haystack).not.toContain(PASSWORD);
    }
  });

  it('refuses to build without MicrosoftAppId, naming the variable', async () => {
    const outDir = path.join(tempDir(), 'out');
    const { lines, out } = capture();
    expect(await main({ ...env, MicrosoftAppId: '' }, outDir, out)).toBe(1);
    expect(lines[0]).toMatch(/not built; 1 problem/);
    expect(lines[1]).toMatch(/^ {2}MicrosoftAppId is not set: .*Set MicrosoftAppId in \.env or the environment\.$/);
    expect(existsSync(outDir)).toBe(false);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('refuses a version that is not MAJOR.MINOR.PATCH', async () => {
    const { lines, out } = capture();
    expect(await main({ ...env, TEAMS_APP_VERSION: '2.3' }, path.join(tempDir(), 'out'), out)).toBe(1);
    expect(lines).toContain('  TEAMS_APP_VERSION must be a version MAJOR.MINOR.PATCH such as 1.0.0 (got "2.3")');
  });

  it('reports an invalid bot configuration the way the bot does', async () => {
    const { lines, out } = capture();
    expect(await main({ ...env, MicrosoftAppType: 'SingleTenant' }, path.join(tempDir(), 'out'), out)).toBe(1);
    expect(lines.join('\n')).toMatch(/MicrosoftAppTenantId is required for SingleTenant/);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });
});
