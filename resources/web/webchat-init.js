// Starts the web chat on the careers page and the chat page: gets a Direct Line token from this
// server (POST /api/webchat/token), then renders the official Web Chat (loaded just before this
// script from this server) with the branding in #webchat-config. Same-origin requests only, unless
// the server is set up for Azure Direct Line, in which case it names that domain.
//
// A reload keeps the conversation: its id, current token, Direct Line domain and last watermark
// are kept for the tab (sessionStorage). On load the page checks them with one poll for what came
// after the watermark (it costs no token grant); if the conversation is alive it reconnects to it
// (Direct Line's GET /conversations/{id}), asking for everything the server still keeps, since
// Web Chat's transcript lived in the page that was reloaded. A refused token (expired: 403) or an
// ended conversation (404) is forgotten and a new conversation starts.
(function () {
  'use strict';

  var host = document.getElementById('webchat');
  var configElement = document.getElementById('webchat-config');
  if (!host || !configElement) return;
  var config = JSON.parse(configElement.textContent || '{}');
  var SESSION_KEY = 'careers-chat:conversation';
  var ONLINE = 2;
  var FAILED_TO_CONNECT = 4;
  var ENDED = 5;

  function showStatus(text) {
    var status = host.querySelector('[data-webchat-status]');
    if (!status) {
      status = document.createElement('p');
      status.className = 'chat-panel__status';
      status.setAttribute('data-webchat-status', '');
      host.appendChild(status);
    }
    status.textContent = text;
  }

  // sessionStorage can be off (private modes, policies) or full: the chat then works without it.
  function readSession() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
      return saved && saved.conversationId && saved.token && saved.domain ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function saveSession(session) {
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    } catch (e) {
      // Not kept: a reload starts a new conversation.
    }
  }

  function forgetSession() {
    try {
      sessionStorage.removeItem(SESSION_KEY);
    } catch (e) {
      // Nothing was kept.
    }
  }

  function getToken() {
    return fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
      cache: 'no-store',
    }).then(function (response) {
      if (!response.ok) throw new Error('token request answered ' + response.status);
      return response.json();
    }).then(function (grant) {
      return { token: grant.token, domain: new URL(grant.domain, window.location.href).href.replace(/\/$/, '') };
    });
  }

  // Whether the kept conversation can be resumed: one poll for what came after its watermark.
  // Refused or ended: false. Anything else (offline, a server error) is an error, and the kept
  // conversation stays kept for the next try.
  function isAlive(saved) {
    var url = saved.domain + '/conversations/' + encodeURIComponent(saved.conversationId) +
      '/activities?watermark=' + encodeURIComponent(saved.watermark || '');
    return fetch(url, { headers: { Authorization: 'Bearer ' + saved.token }, cache: 'no-store' }).then(function (response) {
      if (response.ok) return true;
      if (response.status === 403 || response.status === 404) return false;
      throw new Error('the conversation check answered ' + response.status);
    });
  }

  function resumeOrStart() {
    var saved = readSession();
    if (!saved) return getToken();
    return isAlive(saved).then(function (alive) {
      if (alive) return { token: saved.token, domain: saved.domain, conversationId: saved.conversationId };
      forgetSession();
      return getToken();
    });
  }

  // Keeps the conversation's newest token (Web Chat refreshes it) and watermark for a reload.
  function keepSession(directLine, domain) {
    function save() {
      if (directLine.conversationId && directLine.token) {
        saveSession({ conversationId: directLine.conversationId, token: directLine.token, domain: domain, watermark: directLine.watermark || '' });
      }
    }
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') save();
    });
    return save;
  }

  function render(session) {
    var directLine = window.WebChat.createDirectLine({
      token: session.token,
      domain: session.domain,
      conversationId: session.conversationId,
      webSocket: true,
    });
    var save = keepSession(directLine, session.domain);
    var subscription = directLine.connectionStatus$.subscribe(function (status) {
      if (status === ONLINE) save();
      // The kept conversation ended between the check and the reconnect: start a new one.
      if (session.conversationId && (status === FAILED_TO_CONNECT || status === ENDED)) {
        subscription.unsubscribe();
        forgetSession();
        directLine.end();
        getToken().then(render, failed);
      }
    });
    host.textContent = '';
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        styleOptions: config.styleOptions,
        adaptiveCardsHostConfig: config.adaptiveCardsHostConfig,
        locale: 'en-US',
      },
      host
    );
    document.documentElement.setAttribute('data-webchat', session.conversationId ? 'resumed' : 'ready');
  }

  function failed() {
    showStatus('The chat is not available right now. Please try again in a moment.');
    document.documentElement.setAttribute('data-webchat', 'failed');
  }

  if (!window.WebChat) {
    showStatus('The chat could not load. Please reload the page.');
    return;
  }
  resumeOrStart().then(render).catch(failed);
})();
