/* The notification log: every record of hw.notifications, newest first. */
(function () {
  'use strict';
  var H = window.HW, el = H.el, t = H.t;
  function load() {
    H.api('/api/notifications?limit=1000').then(function (r) {
      var tb = document.querySelector('#notification-table tbody');
      tb.replaceChildren.apply(tb, r.notifications.map(function (n) {
        var status = n.status || '';
        return el('tr', { 'class': 'notification-row st-' + status, 'data-id': n.id, 'data-status': status }, [
          el('td', { text: H.fmtTime(n.at) }),
          el('td', { text: n.recipient || '' }),
          el('td', { text: n.level || '' }),
          el('td', { text: n.channel || '' }),
          el('td', {}, [el('div', { text: n.subject || n.kind || '' }), el('div', { 'class': 'sub', text: n.text || '' })]),
          el('td', { 'class': 'ids' }, (n.alarmIds || []).map(function (id) {
            return el('div', {}, [el('a', { href: '/alarm?id=' + encodeURIComponent(id), text: id })]);
          })),
          el('td', {}, [el('span', { 'class': 'nstatus', text: H.tOr('n.' + status, status) }),
            n.attempt ? el('span', { 'class': 'sub', text: ' ' + t('n.attempt', { n: n.attempt }) }) : null,
            n.error ? el('div', { 'class': 'sub error', text: n.error }) : null])
        ]);
      }));
      document.getElementById('notes-empty').hidden = r.notifications.length > 0;
    });
  }
  load();
  setInterval(load, 10000);
})();
