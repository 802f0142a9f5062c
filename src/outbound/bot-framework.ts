// The Bot Framework's outbound HTTP, routed through an OutboundGate with the libraries' own
// extension points:
//   - connector and user-token clients (replies to the channel's serviceUrl): the `httpClient` of
//     ConnectorClientOptions, which sits below the connector's retry policy, so each attempt is
//     bounded; a timed-out attempt is not retried (see OutboundError);
//   - the bot's access token (MSAL client credentials): MSAL's `system.networkClient`, in a
//     ConfidentialClientApplication handed to MsalServiceClientCredentialsFactory.
import {
  ConfidentialClientApplication,
  AuthError,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import type { CompatResponse, RequestPolicy, WebResourceLike } from '@azure/core-http-compat';
import { toHttpHeadersLike } from '@azure/core-http-compat';
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { AuthenticationConstants, MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { outboundErrorOf, type OutboundGate } from './gate';

/** For ConnectorClientOptions.httpClient: sends each attempt through the gate with the same Node
 * transport the connector would use by default. */
export function connectorHttpClient(gate: OutboundGate): RequestPolicy {
  const transport = createDefaultHttpClient();
  return {
    async sendRequest(resource: WebResourceLike): Promise<CompatResponse> {
      const response = await gate.run(
        resource.url,
        (abortSignal) =>
          transport.sendRequest(
            createPipelineRequest({
              url: resource.url,
              method: resource.method,
              headers: createHttpHeaders(resource.headers.toJson({ preserveCase: true })),
              body: resource.body,
              requestId: resource.requestId,
              withCredentials: resource.withCredentials,
              streamResponseStatusCodes: resource.streamResponseStatusCodes,
              agent: resource.agent,
              abortSignal,
              // As the stock client: plain http only where the serviceUrl itself is http (Emulator, tests).
              allowInsecureConnection: resource.url.startsWith('http:'),
            }),
          ),
        resource.abortSignal as AbortSignal | undefined,
      );
      // `request` must stay the connector's own (its response parsing is keyed on it).
      return {
        request: resource,
        status: response.status,
        headers: toHttpHeadersLike(response.headers),
        bodyAsText: response.bodyAsText,
        readableStreamBody: response.readableStreamBody,
      };
    },
  };
}

/** MSAL passes on its own AuthErrors unchanged and reduces anything else to "network_error";
 * this one keeps the OutboundError as its cause, so a token timeout is reported as one. */
class OutboundAuthError extends AuthError {
  constructor(cause: Error) {
    super('outbound_error', cause.message);
    this.name = 'OutboundAuthError';
    this.cause = cause;
  }
}

/** MSAL's body: the parsed JSON, or an error object as MSAL's own client makes for other text. */
function msalBody(status: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: status >= 500 ? 'server_error' : 'client_error', error_description: `answered ${status} with a body that is not JSON` };
  }
}

/** For MSAL's system.networkClient: token and authority requests through the gate. */
export function msalNetworkClient(gate: OutboundGate): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<T>> => {
    try {
      const { status, headers, text } = await gate.fetchText(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? (options?.body ?? '') : undefined,
      });
      return { status, headers, body: msalBody(status, text) as T };
    } catch (err) {
      const outbound = outboundErrorOf(err);
      throw outbound ? new OutboundAuthError(outbound) : err;
    }
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, 'GET', options),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

export interface PasswordCredentials {
  appId: string;
  password: string;
  /** The app's tenant (SingleTenant); unset: the Bot Framework's multi-tenant authority. */
  tenantId?: string;
}

/** The credentials factory for an app id and client secret, as botbuilder's own password factory
 * (same authority and scopes), but with MSAL's requests through the gate. */
export function boundedPasswordCredentialsFactory(
  credentials: PasswordCredentials,
  gate: OutboundGate,
): MsalServiceClientCredentialsFactory {
  const tenant = credentials.tenantId ?? AuthenticationConstants.DefaultChannelAuthTenant;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.appId,
      clientSecret: credentials.password,
      authority: `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${tenant}`,
    },
    system: { networkClient: msalNetworkClient(gate) },
  });
  return new MsalServiceClientCredentialsFactory(credentials.appId, app);
}
