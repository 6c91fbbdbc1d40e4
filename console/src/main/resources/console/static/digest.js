/* Weekly digest: renders whatever /api/digest returns; the CSV is /digest.csv. */
(function () {
  'use strict';
  var H = window.HW;
  function refresh() { H.api('/api/digest').then(function (r) { window.HW_REPORT.render(document.getElementById('digest'), r); }); }
  refresh();
  setInterval(refresh, 60000);
})();
