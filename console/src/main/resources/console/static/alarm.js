/* Alarm detail: the sensor's trend from InfluxDB as inline SVG with its limits, and the alarm's whole history. */
(function () {
  'use strict';
  var H = window.HW, el = H.el, t = H.t;
  var id = new URLSearchParams(location.search).get('id') || '';
  var svg = document.getElementById('trend');
  var NS = 'http://www.w3.org/2000/svg';
  var W = 1600, HGT = 420, L = 90, R = 20, TOP = 20, B = 40;
  var detail = null;

  function s(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function draw(tr) {
    svg.replaceChildren();
    var pts = tr.points, limits = tr.sensor.limits || {};
    var ys = [];
    pts.forEach(function (p) { ys.push(p.min, p.max); });
    ['LL', 'L', 'H', 'HH'].forEach(function (k) { if (limits[k] !== null && limits[k] !== undefined) { ys.push(limits[k]); } });
    var note = document.getElementById('trend-note');
    note.textContent = pts.length ? pts.length + ' ' + t('detail.points') : t('detail.nodata');
    if (!ys.length) { return; }
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys);
    if (hi === lo) { hi += 1; lo -= 1; }
    var pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
    var x0 = tr.from, x1 = tr.to;
    function X(ms) { return L + (ms - x0) / (x1 - x0) * (W - L - R); }
    function Y(v) { return TOP + (hi - v) / (hi - lo) * (HGT - TOP - B); }
    svg.appendChild(s('rect', { x: L, y: TOP, width: W - L - R, height: HGT - TOP - B, 'class': 'plot' }));
    for (var i = 0; i <= 4; i++) {
      var v = lo + (hi - lo) * i / 4;
      svg.appendChild(s('line', { x1: L, x2: W - R, y1: Y(v), y2: Y(v), 'class': 'grid' }));
      svg.appendChild(s('text', { x: L - 8, y: Y(v) + 6, 'class': 'axis', 'text-anchor': 'end' }, H.fmtNum(v)));
    }
    for (var j = 0; j <= 6; j++) {
      var ms = x0 + (x1 - x0) * j / 6;
      svg.appendChild(s('text', { x: X(ms), y: HGT - 12, 'class': 'axis', 'text-anchor': 'middle' }, H.fmtTime(ms, false).slice(0, 5)));
    }
    ['LL', 'L', 'H', 'HH'].forEach(function (k) {
      var lv = limits[k];
      if (lv === null || lv === undefined) { return; }
      svg.appendChild(s('line', { x1: L, x2: W - R, y1: Y(lv), y2: Y(lv), 'class': 'limit-line limit-' + k, 'data-limit': k, 'data-value': lv }));
      svg.appendChild(s('text', { x: W - R - 6, y: Y(lv) - 6, 'class': 'limit-label limit-' + k, 'text-anchor': 'end' }, k + ' ' + H.fmtNum(lv)));
    });
    if (pts.length) {
      var band = pts.map(function (p) { return X(p.t) + ',' + Y(p.max); }).concat(pts.slice().reverse().map(function (p) { return X(p.t) + ',' + Y(p.min); }));
      svg.appendChild(s('polygon', { points: band.join(' '), 'class': 'band' }));
      svg.appendChild(s('polyline', { points: pts.map(function (p) { return X(p.t) + ',' + Y(p.mean); }).join(' '), 'class': 'series' }));
    }
    if (detail && detail.alarm && detail.alarm.raisedAt >= x0) {
      var rx = X(detail.alarm.raisedAt);
      svg.appendChild(s('line', { x1: rx, x2: rx, y1: TOP, y2: HGT - B, 'class': 'raise-line' }));
    }
  }
  function loadTrend() {
    if (!detail || !detail.sensor) {
      document.getElementById('trend-note').textContent = t('detail.notrend');
      return;
    }
    var hours = document.getElementById('trend-hours').value;
    H.api('/api/trend?sensor=' + encodeURIComponent(detail.sensor.id) + '&hours=' + hours).then(draw).catch(function (e) {
      document.getElementById('trend-note').textContent = e.message;
    });
  }
  function summary(d) {
    var a = d.alarm, box = document.getElementById('alarm-summary');
    if (!a) { box.textContent = id; return; }
    box.replaceChildren(
      el('span', { 'class': 'prio p' + (a.priority || 0), text: t('prio.' + (a.priority || 0)) }),
      el('h1', { text: (a.enterpriseName || a.enterprise) + ' · ' + (a.sensorName || a.sensor) }),
      el('div', { 'class': 'facts' }, [
        el('span', { text: H.tOr('type.' + a.type, a.type) }), ' · ',
        el('span', { 'class': 'state s-' + a.state, id: 'alarm-state', 'data-state': a.state, text: H.tOr('state.' + a.state, a.state) }), ' · ',
        el('span', { text: a.detail || '' }), ' · ',
        el('span', { 'class': 'id', text: a.alarmId })]));
  }
  function history(d) {
    var rows = d.history.map(function (e) { return { at: e.ts, e: e }; });
    (d.comments || []).forEach(function (c) { rows.push({ at: Date.parse(c.at), c: c }); });
    rows.sort(function (x, y) { return x.at - y.at; });
    var tb = document.querySelector('#history tbody');
    tb.replaceChildren.apply(tb, rows.map(function (r) {
      if (r.c) {
        return el('tr', { 'class': 'history-row comment', 'data-transition': 'COMMENT' }, [el('td', { text: H.fmtTime(r.at) }),
          el('td', { text: t('tr.COMMENT') }), el('td'), el('td'), el('td', { text: r.c.user }), el('td', { text: r.c.comment }), el('td')]);
      }
      var e = r.e;
      return el('tr', { 'class': 'history-row' + (e.transition === 'REJECTED' ? ' rejected' : ''), 'data-transition': e.transition }, [
        el('td', { text: H.fmtTime(e.ts) }), el('td', { text: H.tOr('tr.' + e.transition, e.transition) }),
        el('td', { text: e.state ? H.tOr('state.' + e.state, e.state) : '' }), el('td', { 'class': 'num', text: H.fmtNum(e.value) }),
        el('td', { text: e.operator || '' }), el('td', { text: e.comment || '' }), el('td', { text: e.reason || e.detail || '' })]);
    }));
  }
  function load() {
    H.api('/api/alarm?id=' + encodeURIComponent(id)).then(function (d) {
      detail = d;
      summary(d);
      history(d);
      loadTrend();
    }).catch(function (e) { document.getElementById('alarm-summary').textContent = e.message; });
  }
  document.getElementById('trend-hours').addEventListener('change', loadTrend);
  H.on('transition', function (d) { if (d.event.alarmId === id) { load(); } });
  setInterval(loadTrend, 60000);
  load();
})();
