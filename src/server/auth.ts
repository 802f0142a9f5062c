// Bot Framework authentication that reuses its outbound clients across turns.
//
// Stock `ConfigurationBotFrameworkAuthentication` builds a new ConnectorClient (through a new
// ConnectorFactory) and a new UserTokenClient for every inbound activity; under load that is about a
// fifth of a turn's CPU (measured by `npm run bench`). The legacy BotFrameworkAdapter cached its clients;
// this class does the same with small bounded caches keyed by app id, service URL and audience.
// Authentication itself (validating the inbound token) is untouched: it is delegated to the base
// class on every request, so with MicrosoftAppId set an unauthenticated request is still refused.
// Every outbound call it makes (replies, the access token, the signing keys) goes through one
// OutboundGate (src/outbound/): bounded in time and in number.
import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { BoundedCache } from '../lib/bounded-cache';
import type { Config } from '../config';
import { boundedPasswordCredentialsFactory, connectorHttpClient } from '../outbound/bot-framework';
import { DEFAULT_OUTBOUND_POLICY, OutboundGate } from '../outbound/gate';
import { boundOpenIdMetadata } from '../outbound/openid';

/** The inbound token could not be checked at all (typically: the identity provider's signing keys
 * could not be fetched). The request is refused (fail closed) like any unauthenticated one, but
 * the server logs it as an error, since the cause is on our side or the network's. */
export class TokenValidationUnavailableError extends AuthenticationError {
  constructor(cause: unknown) {
    super(`could not validate the token: ${cause instanceof Error ? cause.message : String(cause)}`, 401);
    this.name = 'TokenValidationUnavailableError';
  }
}

/** What jsonwebtoken throws for a token that fails its own checks (signature, algorithm, dates):
 * the caller's fault, not a sign that validation is unavailable. */
const TOKEN_REJECTED_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** The app id a turn acts as, read from its claims exactly as botframework-connector does
 * (audience claim for channel tokens, appid claim for Emulator tokens, none when auth is off). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/** Wraps a ConnectorFactory so that `create(serviceUrl, audience)` returns a cached client. */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: BoundedCache<Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appId}\n${serviceUrl}\n${audience ?? ''}`;
    let client = this.cache.get(key);
    if (!client) {
      client = this.inner.create(serviceUrl, audience);
      // A failed creation (e.g. credentials could not be built) is not remembered.
      client.catch(() => this.cache.delete(key));
      this.cache.set(key, client);
    }
    return client;
  }
}

export interface CachingAuthOptions {
  /** Most ConnectorClients kept (one per app id + service URL + audience). Default 64. */
  connectorClients?: number;
  /** Most UserTokenClients kept (one per app id). Default 16. */
  userTokenClients?: number;
  /** More botbuilder settings, over those from the configuration (the tests point the OpenID
   * metadata URLs at local listeners with them). */
  botFramework?: ConfigurationBotFrameworkAuthenticationOptions;
}

export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients: BoundedCache<Promise<ConnectorClient>>;
  private readonly userTokenClients: BoundedCache<Promise<UserTokenClient>>;

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    cache: CachingAuthOptions = {},
    /** The way out for every outbound call of this authentication. */
    readonly outbound = new OutboundGate(),
    /** Default: botbuilder's, from `options` (its MSAL requests then bypass the gate). */
    credentialsFactory?: ServiceClientCredentialsFactory,
  ) {
    super(options, credentialsFactory, undefined, undefined, { httpClient: connectorHttpClient(outbound) });
    boundOpenIdMetadata(
      [
        options.ToBotFromChannelOpenIdMetadataUrl ?? options.BotOpenIdMetadata ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
        options.ToBotFromEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ],
      outbound,
    );
    this.connectorClients = new BoundedCache(cache.connectorClients ?? 64);
    this.userTokenClients = new BoundedCache(cache.userTokenClients ?? 16);
  }

  /** Number of cached clients (for tests and diagnostics). */
  get cachedClients(): { connector: number; userToken: number } {
    return { connector: this.connectorClients.size, userToken: this.userTokenClients.size };
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    // Always validates the inbound request; only the outbound factory is swapped for a caching one.
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof AuthenticationError) throw err;
      if (err instanceof Error && TOKEN_REJECTED_ERRORS.has(err.name))
        throw new AuthenticationError(`the token was rejected: ${err.message}`, 401);
      throw new TokenValidationUnavailableError(err);
    }
    if (result.connectorFactory) {
      result.connectorFactory = new CachingConnectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity), this.connectorClients);
    }
    return result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new CachingConnectorFactory(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.connectorClients);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = appIdOf(claimsIdentity);
    let client = this.userTokenClients.get(key);
    if (!client) {
      client = super.createUserTokenClient(claimsIdentity);
      client.catch(() => this.userTokenClients.delete(key));
      this.userTokenClients.set(key, client);
    }
    return client;
  }
}

/** The botbuilder authentication settings for our configuration (only the values that are set),
 * and the outbound limits (default: DEFAULT_OUTBOUND_POLICY). */
export type AuthConfig = Pick<Config, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppType' | 'microsoftAppTenantId'> &
  Partial<Pick<Config, 'outbound'>>;

export function authOptionsFrom(config: AuthConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppType: config.microsoftAppType,
  };
  if (config.microsoftAppId) options.MicrosoftAppId = config.microsoftAppId;
  if (config.microsoftAppPassword) options.MicrosoftAppPassword = config.microsoftAppPassword;
  if (config.microsoftAppTenantId) options.MicrosoftAppTenantId = config.microsoftAppTenantId;
  return options;
}

/** Our own MSAL client for an app id with a client secret (its requests bounded by `outbound`);
 * otherwise (no auth, no secret, UserAssignedMSI) botbuilder's own factory. */
function credentialsFactoryFor(config: AuthConfig, outbound: OutboundGate): ServiceClientCredentialsFactory | undefined {
  const { microsoftAppId: appId, microsoftAppPassword: password, microsoftAppType: type } = config;
  if (!appId || !password || type === 'UserAssignedMSI') return undefined;
  const tenantId = type === 'SingleTenant' ? config.microsoftAppTenantId : undefined;
  return boundedPasswordCredentialsFactory({ appId, password, tenantId }, outbound);
}

export function createBotFrameworkAuthentication(config: AuthConfig, cache?: CachingAuthOptions): CachingBotFrameworkAuthentication {
  const outbound = new OutboundGate(config.outbound ?? DEFAULT_OUTBOUND_POLICY);
  return new CachingBotFrameworkAuthentication(
    { ...authOptionsFrom(config), ...cache?.botFramework },
    cache,
    outbound,
    credentialsFactoryFor(config, outbound),
  );
}
