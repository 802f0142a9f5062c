// The web chat's pages and files over HTTP (see pages.ts): GET and HEAD of
//   /                     the careers page: an account manager posting with the chat beside it
//   /chat                 the chat alone, for an iframe on another site
//   /embed.js             the script another site pastes to get a chat button (see docs/web-chat.md)
//   /assets/:file         the pages' stylesheet, scripts (Web Chat's start-up, the phone launcher) and icon
//   /webchat/:file        Web Chat's bundle, under a versioned name, cached for a year
// Pages carry a Content-Security-Policy that only allows this server (and, with
// DIRECT_LINE_SECRET, the Azure Direct Line endpoint), and name who may frame the chat.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'restify';
import type { WebChatConfig } from '../config';
import { sendError } from '../lib/http';
import type { TemplateData } from '../knowledge/templates';
import type { Logger } from '../lib/log';
import type { Asset } from './asset';
import { createWebAssets, type WebAssets } from './pages';

export interface WebChatOptions {
  webchat: WebChatConfig;
  /** The knowledge base's structured data, for the figures on the careers page. */
  data: TemplateData;
  /** Set when the page talks to Azure Direct Line (DIRECT_LINE_SECRET): its base URL. */
  azureEndpoint?: string;
  logger: Logger;
}

/** The Content-Security-Policy of a page served to `req`. */
export function pageSecurityPolicy(req: IncomingMessage, frameAncestors: string, azureEndpoint?: string): string {
  const host = req.headers.host && /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host) ? req.headers.host : undefined;
  const connect = ["'self'"];
  if (host) connect.push(`ws://${host}`, `wss://${host}`);
  if (azureEndpoint) {
    const origin = new URL(azureEndpoint).origin;
    connect.push(origin, origin.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Web Chat styles its components at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

export function registerWebChat(server: Server, options: WebChatOptions): WebAssets {
  const { webchat, logger, azureEndpoint } = options;
  const assets = createWebAssets(webchat, options.data);
  const embedders = webchat.embedOrigins.join() === '*' ? '*' : ["'self'", ...webchat.embedOrigins].join(' ');

  const getAndHead = (route: string, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => {
    const safe = async (req: IncomingMessage, res: ServerResponse) => {
      try {
        await handler(req, res);
      } catch (err) {
        logger.error({ err, url: req.url?.split('?')[0] }, 'unexpected error serving the web chat');
        if (!res.headersSent) sendError(res, 500, 'internal error');
      }
    };
    server.get(route, safe);
    server.head(route, safe);
  };
  const page = (asset: Asset, frameAncestors: string) => (req: IncomingMessage, res: ServerResponse) =>
    asset.serve(req, res, logger, { 'Content-Security-Policy': pageSecurityPolicy(req, frameAncestors, azureEndpoint) });

  getAndHead('/', page(assets.careersPage, "'self'"));
  getAndHead('/chat', page(assets.chatPage, embedders));
  getAndHead('/embed.js', (req, res) => assets.embedScript.serve(req, res, logger));

  const files: Record<string, Asset> = {
    'site.css': assets.css,
    'webchat-init.js': assets.initScript,
    'chat-launcher.js': assets.launcherScript,
    'favicon.svg': assets.favicon,
  };
  getAndHead('/assets/:file', async (req, res) => {
    const file = (req as { params?: Record<string, string> }).params?.file ?? '';
    const asset = Object.hasOwn(files, file) ? files[file] : undefined;
    if (!asset) return sendError(res, 404, `no such file: /assets/${file}`);
    await asset.serve(req, res, logger);
  });

  getAndHead('/webchat/:file', async (req, res) => {
    const file = (req as { params?: Record<string, string> }).params?.file ?? '';
    const expected = await assets.bundlePath();
    if (`/webchat/${file}` !== expected) return sendError(res, 404, `no such file; Web Chat is at ${expected}`);
    await assets.bundle.serve(req, res, logger);
  });

  return assets;
}
