/* Shared by every page: API calls with the CSRF token, the live stream (SSE) and its status, small DOM helpers. */
(function () {
  'use strict';
  var I = window.HW_I18N;
  var csrf = (document.querySelector('meta[name=csrf-token]') || {}).content || '';
  var role = document.body.getAttribute('data-role');
  var username = document.body.getAttribute('data-username');

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { e.textContent = v; } else if (k === 'class') { e.className = v; } else { e.setAttribute(k, v === true ? '' : v); }
      });
    }
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return e;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function fmtTime(ms, withDate) {
    if (ms === null || ms === undefined) { return ''; }
    var d = new Date(ms);
    var t = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    return withDate === false ? t : (d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + t);
  }
  function fmtNum(v) {
    if (v === null || v === undefined || isNaN(v)) { return ''; }
    var a = Math.abs(v);
    return a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : v.toFixed(2).replace(/\.?0+$/, '');
  }
  function handle401(r) {
    if (r.status === 401) { location.href = '/login'; throw new Error(I.t('err.session')); }
    return r;
  }
  function api(path) {
    return fetch(path, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(handle401).then(function (r) {
      return r.json().then(function (j) { if (!r.ok) { throw new Error(j.error || ('HTTP ' + r.status)); } return j; });
    });
  }
  function post(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).then(handle401).then(function (r) {
      return r.json().then(function (j) { j.httpStatus = r.status; return j; });
    });
  }

  // ---- live stream
  var handlers = {};
  function on(event, fn) { (handlers[event] = handlers[event] || []).push(fn); }
  var status = document.getElementById('live-status');
  function setLive(live, key) {
    if (!status) { return; }
    status.setAttribute('data-live', live ? 'true' : 'false');
    status.querySelector('.txt').textContent = I.t(key);
  }
  var source = null;
  function connect() {
    source = new EventSource('/events');
    source.onopen = function () { setLive(true, 'live.on'); };
    source.onerror = function () {
      setLive(false, 'live.off');
      if (source.readyState === EventSource.CLOSED) {
        // the browser gives up on an HTTP error (401 after the session ended): check, then try again
        fetch('/api/me', { credentials: 'same-origin' }).then(function (r) {
          if (r.status === 401) { location.href = '/login'; } else { setTimeout(connect, 3000); }
        }).catch(function () { setTimeout(connect, 3000); });
      }
    };
    ['snapshot', 'transition', 'risk'].forEach(function (name) {
      source.addEventListener(name, function (ev) {
        var data = JSON.parse(ev.data);
        (handlers[name] || []).forEach(function (fn) { fn(data); });
      });
    });
    source.addEventListener('expired', function () {
      setLive(false, 'live.expired');
      source.close();
      location.href = '/login';
    });
  }
  if (status) { connect(); }

  var clock = document.getElementById('clock');
  if (clock) {
    var tick = function () { clock.textContent = fmtTime(Date.now()); };
    tick();
    setInterval(tick, 1000);
  }
  var nav = document.getElementById('nav-' + document.body.getAttribute('data-page') + (document.body.getAttribute('data-page') === 'alarm' ? 's' : ''));
  if (nav) { nav.classList.add('current'); }

  window.HW = { el: el, fmtTime: fmtTime, fmtNum: fmtNum, api: api, post: post, on: on, role: role, username: username,
    t: I.t, tOr: I.tOr, may: function (least) {
      var order = ['viewer', 'operator', 'supervisor'];
      return order.indexOf(role) >= order.indexOf(least);
    } };
})();

/* Renders any report JSON (the health and digest pages): numbers as figures, lists of records as tables, long
   series of {time, count} as a bar chart. Field names are translated where a text exists. */
(function () {
  'use strict';
  var H = window.HW, el = H.el;
  var LABELS = { raised: 'r.raised', perTenMinutes: 'r.perTen', floods: 'r.floods', floodPercent: 'r.floodPct', top10: 'r.top10',
    chattering: 'r.chattering', standingOver24h: 'r.standing', last24h: 'r.last24h', windowStart: 'r.window', newAlarms: 'r.newAlarms',
    open: 'r.open', unacknowledged: 'r.unack', dueSoon: 'r.dueSoon', overdue: 'r.overdue', enterprises: 'r.byEnterprise',
    towns: 'r.byTown', name: 'r.name', townName: 'r.town', sensor: 'r.sensor', type: 'r.type', weekStart: 'r.weekStart',
    hours: 'r.hours', state: 'f.state', enterprise: 'f.enterprise', town: 'f.town' };
  var HIDDEN = { now: true, zone: true, periods: true };
  function label(k) { return LABELS[k] ? H.t(LABELS[k]) : k; }
  function isTime(k, v) { return typeof v === 'number' && v > 1e12 && /(^|[a-z])(start|at|now|ts|Start|At)$|^start$|raisedAt/.test(k); }
  function fmt(k, v) {
    if (v === null || v === undefined) { return ''; }
    if (isTime(k, v)) { return H.fmtTime(v); }
    if (typeof v === 'number') { return Number.isInteger(v) ? String(v) : v.toFixed(2); }
    if (Array.isArray(v)) { return v.join(', '); }
    if (typeof v === 'object') { return JSON.stringify(v); }
    return H.tOr('type.' + v, H.tOr('state.' + v, String(v)));
  }
  function bars(list) {
    var keys = Object.keys(list[0]);
    var tk = keys[0], vk = keys[1];
    var NS = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(NS, 'svg');
    var W = 1600, HG = 160, max = Math.max.apply(null, list.map(function (p) { return p[vk]; }).concat([1]));
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + (HG + 24));
    svg.setAttribute('class', 'bars');
    svg.setAttribute('preserveAspectRatio', 'none');
    var w = W / list.length;
    list.forEach(function (p, i) {
      var h = p[vk] / max * HG;
      var r = document.createElementNS(NS, 'rect');
      r.setAttribute('x', i * w + 1); r.setAttribute('width', Math.max(1, w - 2));
      r.setAttribute('y', HG - h); r.setAttribute('height', h);
      r.setAttribute('class', p[vk] > 10 ? 'bar flood' : 'bar');
      var title = document.createElementNS(NS, 'title');
      title.textContent = H.fmtTime(p[tk], false) + ': ' + p[vk];
      r.appendChild(title);
      svg.appendChild(r);
      if (i % 18 === 0) {
        var tx = document.createElementNS(NS, 'text');
        tx.setAttribute('x', i * w); tx.setAttribute('y', HG + 20); tx.setAttribute('class', 'axis');
        tx.textContent = H.fmtTime(p[tk], false).slice(0, 5);
        svg.appendChild(tx);
      }
    });
    return svg;
  }
  function table(list) {
    var keys = Object.keys(list[0]);
    return el('table', { 'class': 'report-table' }, [
      el('thead', {}, [el('tr', {}, keys.map(function (k) { return el('th', { text: label(k) }); }))]),
      el('tbody', {}, list.map(function (row) {
        return el('tr', {}, keys.map(function (k) { return el('td', { text: fmt(k, row[k]) }); }));
      }))]);
  }
  function render(box, r) {
    var figures = el('div', { 'class': 'figures' });
    var sections = [];
    Object.keys(r).forEach(function (k) {
      var v = r[k];
      if (HIDDEN[k]) { return; }
      if (Array.isArray(v)) {
        var body;
        if (!v.length) {
          body = el('p', { 'class': 'empty', text: H.t('r.none') });
        } else if (typeof v[0] !== 'object') {
          body = el('p', { text: v.join(', ') });
        } else if (v.length > 30 && Object.keys(v[0]).length === 2) {
          body = bars(v);
        } else {
          body = table(v);
        }
        sections.push(el('section', { 'class': 'report-section', 'data-field': k }, [el('h2', { text: label(k) + (v.length ? ' (' + v.length + ')' : '') }), body]));
      } else if (v !== null && typeof v === 'object') {
        var inner = el('div');
        render(inner, v);
        sections.push(el('section', { 'class': 'report-section', 'data-field': k }, [el('h2', { text: label(k) }), inner]));
      } else {
        figures.appendChild(el('div', { 'class': 'figure', 'data-field': k }, [el('div', { 'class': 'fv', text: fmt(k, v) }), el('div', { 'class': 'fl', text: label(k) })]));
      }
    });
    box.replaceChildren.apply(box, [figures].concat(sections));
  }
  window.HW_REPORT = { render: render };
})();
