// consortium-hub console: small behaviours on top of htmx. No inline scripts (the pages' security policy forbids them).
(function () {
  // htmx leaves error responses unswapped; show their message where the user will see and hear it.
  document.addEventListener('htmx:responseError', function (event) {
    var flash = document.getElementById('flash');
    if (!flash) { return; }
    var text = event.detail.xhr.responseText || '';
    flash.innerHTML = text.indexOf('<p class="error"') === 0 ? text
      : '<p class="error">The hub could not complete this (HTTP ' + event.detail.xhr.status + '). Reload the page and try again.</p>';
    flash.focus();
  });
  document.addEventListener('htmx:sendError', function () {
    var flash = document.getElementById('flash');
    if (flash) { flash.innerHTML = '<p class="error">The hub did not answer. Check the connection and try again.</p>'; }
  });
  // A new page clears an old message.
  document.addEventListener('htmx:beforeRequest', function () {
    var flash = document.getElementById('flash');
    if (flash) { flash.innerHTML = ''; }
  });
})();

// Charts: a <canvas data-chart="id"> is drawn from the Chart.js configuration in <script type="application/json" id="id">.
(function () {
  function drawCharts(root) {
    if (typeof Chart === 'undefined') { return; }
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var config = document.getElementById(canvas.dataset.chart);
      if (!config) { return; }
      canvas.dataset.drawn = 'yes';
      new Chart(canvas, JSON.parse(config.textContent));
    });
  }
  window.addEventListener('load', function () { drawCharts(document); });
  document.addEventListener('htmx:load', function (event) { drawCharts(event.detail.elt); });
})();
