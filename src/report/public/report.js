/* The report page's charts: each Chart.js configuration of the JSON block drawn on its canvas. */
(function () {
  'use strict';
  var block = document.getElementById('charts');
  var specs = block ? JSON.parse(block.textContent || '[]') : [];
  var charts = [];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#222';
  specs.forEach(function (spec) {
    var canvas = document.querySelector('canvas[data-chart="' + spec.id + '"]');
    if (!canvas) return;
    // The height comes as data (a style attribute would need 'unsafe-inline' in the page's CSP).
    canvas.parentElement.style.height = canvas.parentElement.getAttribute('data-height') + 'px';
    var options = Object.assign({}, spec.config.options, { animation: false, responsive: true, maintainAspectRatio: false });
    charts.push(new Chart(canvas, { type: spec.config.type, data: spec.config.data, options: options }));
  });
  document.body.setAttribute('data-charts-drawn', String(charts.length));
  // Chart.js sizes canvases to the screen; on paper the column is narrower (Chart.js docs, "Printing resizable charts").
  function resize() { charts.forEach(function (c) { c.resize(); }); }
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  var print = document.querySelector('[data-print]');
  if (print) print.addEventListener('click', function () { window.print(); });
})();
