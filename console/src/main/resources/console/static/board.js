/* The four-colour board: towns and enterprises by their latest risk level, with their standing alarms. */
(function () {
  'use strict';
  var H = window.HW, el = H.el, t = H.t;
  function cell(kind, c) {
    var attrs = { 'class': 'board-' + kind + ' lv ' + c.level, 'data-level': c.level, 'title': c.id };
    attrs['data-' + kind] = c.id;
    var link = kind === 'enterprise' ? { enterprise: c.id } : { town: c.id };
    var a = el('a', { href: '/', 'class': 'cell-link' }, [
      el('div', { 'class': 'name', text: c.name }),
      el('div', { 'class': 'lvname', text: t('level.' + c.level) }),
      el('div', { 'class': 'count' }, [el('b', { text: String(c.standing) }), ' ' + t('board.alarms')])
    ]);
    a.addEventListener('click', function () {
      sessionStorage.setItem('hw.filters', JSON.stringify(link));
    });
    var d = el('div', attrs, [a]);
    return d;
  }
  function load() {
    H.api('/api/board').then(function (b) {
      document.getElementById('board-towns').replaceChildren.apply(document.getElementById('board-towns'),
        b.towns.map(function (c) { return cell('town', c); }));
      document.getElementById('board-enterprises').replaceChildren.apply(document.getElementById('board-enterprises'),
        b.enterprises.map(function (c) { return cell('enterprise', c); }));
    });
  }
  var pending = null;
  function soon() { if (!pending) { pending = setTimeout(function () { pending = null; load(); }, 500); } }
  H.on('risk', soon);
  H.on('transition', soon);
  H.on('snapshot', soon);
  load();
})();
