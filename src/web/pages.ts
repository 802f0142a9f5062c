// The web chat's pages and files: the careers page (`/`), the chat alone for iframes (`/chat`),
// the embed script other sites paste (`/embed.js`), their stylesheet, start-up script and icon,
// and the Web Chat bundle itself. Templates live in resources/web/ and are read and filled in on
// first request: branding from WEBCHAT_* settings, pay and career figures from the knowledge base
// (the same {{salary.*}} / {{ladder.*}} / {{skills.*}} placeholders the answers use).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WebChatConfig } from '../config';
import { buildTemplateValues, renderTemplate, unknownPlaceholders, type TemplateData } from '../knowledge/templates';
import { repoRoot } from '../lib/paths';
import { Asset } from './asset';
import { adaptiveCardsHostConfig, styleOptions, textColorOn } from './webchat-options';

export const ASSETS_DIR = path.join(repoRoot, 'resources', 'web');
/** Where the page asks for a Direct Line token (src/directline/routes.ts). */
export const TOKEN_URL = '/api/webchat/token';

/** Web Chat's single-file bundle and its version (read from its package.json when first needed). */
export function webChatBundle(): { file: string; packageJson: string } {
  const dir = path.dirname(path.dirname(require.resolve('botframework-webchat')));
  return { file: path.join(dir, 'dist', 'webchat.js'), packageJson: path.join(dir, 'package.json') };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
/** JSON that can sit inside a <script> element or a JavaScript file. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

export interface WebAssets {
  careersPage: Asset;
  chatPage: Asset;
  embedScript: Asset;
  css: Asset;
  initScript: Asset;
  launcherScript: Asset;
  favicon: Asset;
  bundle: Asset;
  /** The bundle's path, with Web Chat's version in it (e.g. /webchat/webchat-4.18.1.js). */
  bundlePath(): Promise<string>;
}

const NO_CACHE = 'no-cache';
/** The bundle's URL changes with its version, so browsers may keep it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function createWebAssets(webchat: WebChatConfig, data: TemplateData): WebAssets {
  let version: Promise<string> | undefined;
  const bundlePath = () => {
    version ??= readFile(webChatBundle().packageJson, 'utf8').then((text) => JSON.parse(text).version as string);
    version.catch(() => (version = undefined));
    return version.then((v) => `/webchat/webchat-${v}.js`);
  };

  /** Fills in a template from resources/web/; an unknown placeholder is an error. */
  const fill = async (name: string, values: Map<string, string>) => {
    const text = await readFile(path.join(ASSETS_DIR, name), 'utf8');
    const unknown = unknownPlaceholders(text, values);
    if (unknown.length) throw new Error(`${name}: unknown placeholders ${unknown.join(', ')}`);
    return renderTemplate(text, values);
  };
  const template = (name: string, values: () => Promise<Map<string, string>>) => async () => fill(name, await values());

  const pageConfig = {
    botName: webchat.botName,
    tokenUrl: TOKEN_URL,
    styleOptions: styleOptions(webchat),
    adaptiveCardsHostConfig: adaptiveCardsHostConfig(webchat),
  };
  const htmlValues = async () => {
    const values = new Map<string, string>();
    for (const [key, value] of buildTemplateValues(data)) values.set(key, escapeHtml(value));
    values.set('page.botName', escapeHtml(webchat.botName));
    values.set('page.botInitials', escapeHtml(webchat.botInitials));
    values.set('page.applyUrl', escapeHtml(webchat.applyUrl ?? '#apply'));
    values.set('page.webchatScript', await bundlePath());
    values.set('page.config', scriptJson(pageConfig));
    // The parts careers.html and chat.html share.
    values.set('page.chatPanel', await fill('chat-panel.html', values));
    values.set('page.webchatScripts', await fill('webchat-scripts.html', values));
    return values;
  };
  const styleValues = async () =>
    new Map([
      ['page.accent', webchat.accentColor],
      ['page.accentText', textColorOn(webchat.accentColor)],
    ]);
  const embedValues = async () =>
    new Map([
      [
        'page.embedConfig',
        scriptJson({
          botName: webchat.botName,
          initials: webchat.botInitials,
          accent: webchat.accentColor,
          accentText: textColorOn(webchat.accentColor),
        }),
      ],
    ]);
  const iconValues = async () =>
    new Map([
      ['page.botInitials', escapeHtml(webchat.botInitials)],
      ['page.accent', webchat.accentColor],
      ['page.accentText', textColorOn(webchat.accentColor)],
    ]);

  const html = { contentType: 'text/html; charset=utf-8', cacheControl: NO_CACHE };
  const script = (name: string) =>
    new Asset(() => readFile(path.join(ASSETS_DIR, name)), { contentType: 'text/javascript; charset=utf-8', cacheControl: NO_CACHE });
  return {
    careersPage: new Asset(template('careers.html', htmlValues), html),
    chatPage: new Asset(template('chat.html', htmlValues), html),
    embedScript: new Asset(template('embed.js', embedValues), { contentType: 'text/javascript; charset=utf-8', cacheControl: NO_CACHE }),
    css: new Asset(template('site.css', styleValues), { contentType: 'text/css; charset=utf-8', cacheControl: NO_CACHE }),
    initScript: script('webchat-init.js'),
    launcherScript: script('chat-launcher.js'),
    favicon: new Asset(template('favicon.svg', iconValues), { contentType: 'image/svg+xml', cacheControl: NO_CACHE }),
    bundle: new Asset(() => readFile(webChatBundle().file), { contentType: 'text/javascript; charset=utf-8', cacheControl: IMMUTABLE }),
    bundlePath,
  };
}
