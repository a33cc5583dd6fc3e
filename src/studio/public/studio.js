/*
 * The studio's browser side: draws every card on the page with the official Adaptive Cards
 * renderer (the adaptivecards package, loaded before this file, with markdown-it for the markdown
 * Teams supports in text) and a Teams-like host configuration, light or dark; reloads the page
 * when the server says the content changed.
 */
(function () {
  'use strict';
  var AC = window.AdaptiveCards;
  var configs = {};
  // Teams draws the markdown in TextBlocks (bold, lists); the renderer leaves that to the host.
  // Raw HTML stays off: the content is text, as in Teams.
  var markdown = window.markdownit({ html: false, linkify: false, breaks: true });
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdown.render(text);
    result.didProcess = true;
  };

  function hostConfig(theme) {
    if (configs[theme]) return Promise.resolve(configs[theme]);
    return fetch('/assets/host-config-' + theme + '.json')
      .then(function (r) { return r.json(); })
      .then(function (json) { configs[theme] = new AC.HostConfig(json); return configs[theme]; });
  }

  function renderAll(theme) {
    document.body.classList.toggle('dark', theme === 'dark');
    return hostConfig(theme).then(function (config) {
      var slots = document.querySelectorAll('.card[data-card]');
      slots.forEach(function (slot) {
        var card = new AC.AdaptiveCard();
        card.hostConfig = config;
        // A preview: buttons are shown as in Teams but do nothing.
        card.onExecuteAction = function () {};
        card.parse(JSON.parse(slot.getAttribute('data-card')));
        var rendered = card.render();
        slot.replaceChildren(rendered);
        slot.classList.add('rendered');
      });
      document.body.setAttribute('data-rendered', String(slots.length));
    });
  }

  var dark = document.getElementById('dark');
  var theme = localStorage.getItem('studio-theme') === 'dark' ? 'dark' : 'light';
  if (dark) {
    dark.checked = theme === 'dark';
    dark.addEventListener('change', function () {
      theme = dark.checked ? 'dark' : 'light';
      localStorage.setItem('studio-theme', theme);
      renderAll(theme);
    });
  }
  renderAll(theme);

  // Live reload: the server sends the content version on connect and after every change.
  var shown = document.body.getAttribute('data-version');
  var events = new EventSource('/events');
  events.onmessage = function (event) {
    if (event.data !== shown) {
      sessionStorage.setItem('studio-scroll', String(window.scrollY));
      location.reload();
    }
  };
  var scroll = sessionStorage.getItem('studio-scroll');
  if (scroll !== null) {
    sessionStorage.removeItem('studio-scroll');
    window.addEventListener('load', function () { window.scrollTo(0, Number(scroll)); });
  }
})();
