// The careers page's chat launcher for narrow screens (site.css shows it below 900 px): one tap
// opens the chat full screen over the posting, the close button or Escape hides it again. Whether
// it was open is kept for the tab (sessionStorage), so a reload shows the conversation again.
(function () {
  'use strict';

  var launcher = document.querySelector('[data-chat-launcher]');
  var panel = launcher && document.getElementById(launcher.getAttribute('aria-controls'));
  if (!panel) return;
  var closeButton = panel.querySelector('[data-chat-close]');
  var OPEN_KEY = 'careers-chat:open';

  function remember(open) {
    try {
      if (open) sessionStorage.setItem(OPEN_KEY, '1');
      else sessionStorage.removeItem(OPEN_KEY);
    } catch (e) {
      // Storage can be off (private modes, policies): the launcher still works.
    }
  }

  function wasOpen() {
    try {
      return sessionStorage.getItem(OPEN_KEY) === '1';
    } catch (e) {
      return false;
    }
  }

  function setOpen(open, moveFocus) {
    document.body.classList.toggle('chat-open', open);
    launcher.setAttribute('aria-expanded', String(open));
    remember(open);
    // Focus follows the chat in and back out; the panel itself, so no phone keyboard pops up.
    if (moveFocus) (open ? panel : launcher).focus();
  }

  launcher.addEventListener('click', function () {
    setOpen(true, true);
  });
  if (closeButton) {
    closeButton.addEventListener('click', function () {
      setOpen(false, true);
    });
  }
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && document.body.classList.contains('chat-open')) setOpen(false, true);
  });
  if (wasOpen()) setOpen(true, false);
})();
