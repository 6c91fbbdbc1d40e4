/* Alarm-system health: renders whatever /api/health returns (numbers, lists of records). */
(function () {
  'use strict';
  var H = window.HW;
  function refresh() { H.api('/api/health').then(function (r) { window.HW_REPORT.render(document.getElementById('health'), r); }); }
  refresh();
  setInterval(refresh, 60000);
})();
