// The careers chat on any site: paste
//   <script src="https://BOT-HOST/embed.js" async></script>
// for a chat button in the bottom right corner that opens the chat in a panel, or
//   <div id="careers-chat" style="height: 560px"></div>
//   <script src="https://BOT-HOST/embed.js" data-target="#careers-chat" async></script>
// to show the chat inside an element of the page. The chat itself runs in an iframe served by
// the bot's server (/chat), so the host page needs nothing else and its own styles are untouched.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) return;
  var config = {{page.embedConfig}};
  var chatUrl = new URL('/chat', script.src).href;

  function chatFrame() {
    var iframe = document.createElement('iframe');
    iframe.src = chatUrl;
    iframe.title = 'Chat with ' + config.botName;
    iframe.setAttribute('data-careers-chat', 'frame');
    Object.assign(iframe.style, { border: '0', width: '100%', height: '100%', display: 'block', background: '#fff' });
    return iframe;
  }

  function inline(selector) {
    var container = document.querySelector(selector);
    if (!container) {
      if (window.console) console.warn('careers chat: no element matches ' + selector);
      return;
    }
    container.appendChild(chatFrame());
  }

  function launcher() {
    var panel = document.createElement('div');
    panel.setAttribute('data-careers-chat', 'panel');
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Chat with ' + config.botName);
    Object.assign(panel.style, {
      position: 'fixed', right: '20px', bottom: '88px', width: 'min(400px, calc(100vw - 40px))',
      height: 'min(620px, calc(100vh - 120px))', borderRadius: '12px', overflow: 'hidden',
      boxShadow: '0 8px 32px rgba(0, 0, 0, 0.25)', zIndex: '2147483000', display: 'none', background: '#fff',
    });

    var button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('data-careers-chat', 'button');
    button.setAttribute('aria-expanded', 'false');
    button.textContent = 'Ask ' + config.botName;
    Object.assign(button.style, {
      position: 'fixed', right: '20px', bottom: '20px', zIndex: '2147483000', border: '0', borderRadius: '28px',
      padding: '14px 22px', font: '600 15px system-ui, -apple-system, "Segoe UI", Arial, sans-serif',
      background: config.accent, color: config.accentText, cursor: 'pointer', boxShadow: '0 4px 16px rgba(0, 0, 0, 0.2)',
    });

    button.addEventListener('click', function () {
      var open = panel.style.display === 'none';
      // The chat loads the first time it is opened, not with the host page.
      if (open && !panel.firstChild) panel.appendChild(chatFrame());
      panel.style.display = open ? 'block' : 'none';
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? 'Close chat' : 'Ask ' + config.botName;
    });

    document.body.appendChild(panel);
    document.body.appendChild(button);
  }

  function mount() {
    var target = script.getAttribute('data-target');
    if (target) inline(target);
    else launcher();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
