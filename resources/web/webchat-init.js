// Starts the web chat on the careers page and the chat page: gets a Direct Line token from this
// server (POST /api/webchat/token), then renders the official Web Chat (loaded just before this
// script from this server) with the branding in #webchat-config. Same-origin requests only, unless
// the server is set up for Azure Direct Line, in which case it names that domain.
(function () {
  'use strict';

  var host = document.getElementById('webchat');
  var configElement = document.getElementById('webchat-config');
  if (!host || !configElement) return;
  var config = JSON.parse(configElement.textContent || '{}');

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
    });
  }

  function start() {
    if (!window.WebChat) {
      showStatus('The chat could not load. Please reload the page.');
      return;
    }
    getToken()
      .then(function (grant) {
        var directLine = window.WebChat.createDirectLine({
          token: grant.token,
          domain: new URL(grant.domain, window.location.href).href.replace(/\/$/, ''),
          webSocket: true,
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
        document.documentElement.setAttribute('data-webchat', 'ready');
      })
      .catch(function () {
        showStatus('The chat is not available right now. Please try again in a moment.');
        document.documentElement.setAttribute('data-webchat', 'failed');
      });
  }

  start();
})();
