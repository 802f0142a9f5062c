// Token-validation test set-up: a bot with authentication on whose OpenID metadata (the signing
// keys Bot Framework tokens are checked against) lives on a loopback stand-in for Microsoft's host,
// and a JWT builder for the tokens sent to it.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import type { TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/log';
import { createAdapter } from '../../src/server/adapter';
import { close, createServer, listen } from '../../src/server/server';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `header.claims.signature`, the signature made by `sign` over the first two parts (none without). */
export function jwt(header: object, claims: object, sign?: (signingInput: Buffer) => Buffer): string {
  const signingInput = `${b64(header)}.${b64(claims)}`;
  return `${signingInput}.${sign ? sign(Buffer.from(signingInput)).toString('base64url') : ''}`;
}

export interface SecuredBot {
  url: string;
  /** Everything logged so far (at LOG_LEVEL=trace when `captureLog` was asked for). */
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * A bot answering "validated" to every turn, with MicrosoftAppId `appId` and `password`, whose
 * channel and Emulator OpenID metadata live at `metadataUrl` (botbuilder's public-cloud settings
 * otherwise). Its log is kept in memory at `trace` when `captureLog` is set, else silent.
 */
export async function securedServer(
  metadataUrl: string,
  { appId, password, captureLog = false }: { appId: string; password: string; captureLog?: boolean },
): Promise<SecuredBot> {
  const level = captureLog ? 'trace' : process.env.DBG ? 'warn' : 'silent';
  const config = loadConfig({ LOG_LEVEL: level, MicrosoftAppId: appId, MicrosoftAppPassword: password, OUTBOUND_TIMEOUT_MS: '1000' });
  let log = '';
  const sink = new PassThrough().on('data', (chunk) => (log += chunk));
  const logger = captureLog ? createLogger(config.logLevel, sink) : createLogger(config.logLevel);
  const adapter = createAdapter(config, logger, 'turn failed', {
    botFramework: {
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    },
  });
  const bot = { run: async (context: TurnContext) => void (await context.sendActivity('validated')) };
  const server = createServer({ bot, adapter, config, logger });
  const { url } = await listen(server, 0, '127.0.0.1');
  return { url, log: () => log, stop: () => close(server, 1000) };
}

export interface MetadataHost {
  /** The OpenID metadata document's URL. */
  metadataUrl: string;
  /** From now on, accept connections and never answer. */
  hang: () => void;
  close: () => void;
}

/** Serves the OpenID metadata and `keys` (JWKs) on loopback, until told to hang. */
export async function metadataHost(keys: object[]): Promise<MetadataHost> {
  let hanging = false;
  const server = createHttpServer((req, res) => {
    if (hanging) return; // accept, never answer
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        req.url === '/keys' ? { keys } : { issuer: AuthenticationConstants.ToBotFromChannelTokenIssuer, jwks_uri: `${base}/keys` },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    hang: () => (hanging = true),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
