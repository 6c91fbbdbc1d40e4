/* The live alarm list: a snapshot and then every transition over SSE; filters; operator actions. */
(function () {
  'use strict';
  var H = window.HW, el = H.el, t = H.t;
  var alarms = {};            // alarmId -> AlarmView
  var catalogue = null;
  var filters = JSON.parse(sessionStorage.getItem('hw.filters') || '{}');
  var waiting = {};           // command ts -> text of the action, while the engine's answer is awaited
  var body = document.getElementById('alarm-body');
  var result = document.getElementById('action-result');

  function order(a, b) {
    var pa = a.priority > 0 ? a.priority : 99, pb = b.priority > 0 ? b.priority : 99;
    if (pa !== pb) { return pa - pb; }
    if (a.raisedAt !== b.raisedAt) { return b.raisedAt - a.raisedAt; }
    return a.alarmId < b.alarmId ? -1 : 1;
  }
  function passes(a) {
    return ['town', 'enterprise', 'source', 'state', 'type'].every(function (k) { return !filters[k] || filters[k] === a[k]; });
  }

  var scheduled = false;
  function render() {
    if (scheduled) { return; }
    scheduled = true;
    requestAnimationFrame(function () {
      scheduled = false;
      var all = Object.keys(alarms).map(function (k) { return alarms[k]; });
      var shown = all.filter(passes).sort(order);
      var rows = document.createDocumentFragment();
      shown.forEach(function (a) { rows.appendChild(row(a)); });
      body.replaceChildren(rows);
      document.getElementById('alarm-count').textContent = shown.length;
      document.getElementById('alarm-count-total').textContent = shown.length !== all.length ? '(' + t('alarms.of') + ' ' + all.length + ')' : '';
      document.getElementById('alarm-empty').hidden = shown.length > 0;
      var unack = all.filter(function (a) { return a.state === 'ACTIVE_UNACK' || a.state === 'RTN_UNACK'; }).length;
      document.title = (unack ? '(' + unack + ') ' : '') + t('title.alarms');
    });
  }

  function row(a) {
    var unack = a.state === 'ACTIVE_UNACK' || a.state === 'RTN_UNACK';
    var tr = el('tr', { 'class': 'alarm-row p' + (a.priority || 0) + (unack ? ' unack' : ''), 'data-alarm-id': a.alarmId,
      'data-state': a.state, 'data-sensor': a.sensor, 'data-priority': a.priority });
    tr.appendChild(el('td', {}, [el('span', { 'class': 'prio p' + (a.priority || 0), text: t('prio.' + (a.priority || 0)) })]));
    tr.appendChild(el('td', { 'class': 'time' }, [el('div', { text: H.fmtTime(a.raisedAt) }),
      a.lastTs !== a.raisedAt ? el('div', { 'class': 'sub', text: '↻ ' + H.fmtTime(a.lastTs, false) }) : null]));
    tr.appendChild(el('td', {}, [el('div', { 'class': 'sub', text: a.townName || '' }), el('div', { text: a.enterpriseName || a.enterprise })]));
    tr.appendChild(el('td', {}, [el('div', { 'class': 'sub', text: a.sourceName || '' }),
      el('div', { text: (a.sensorName && a.sensorName !== a.sensor ? a.sensorName + ' ' : '') }, [el('span', { 'class': 'id', text: a.sensor })])]));
    tr.appendChild(el('td', { text: H.tOr('type.' + a.type, a.type) }));
    tr.appendChild(el('td', {}, [el('span', { 'class': 'state s-' + a.state, text: H.tOr('state.' + a.state, a.state) }),
      a.shelvedUntil ? el('div', { 'class': 'sub', text: '→ ' + H.fmtTime(a.shelvedUntil, false) }) : null]));
    var unit = a.unit ? ' ' + a.unit : '';
    tr.appendChild(el('td', { 'class': 'num' }, [el('div', { text: a.value !== null ? H.fmtNum(a.value) + unit : '' }),
      el('div', { 'class': 'sub', text: a.limit !== null ? t('col.limit') + ' ' + H.fmtNum(a.limit) : '' })]));
    tr.appendChild(el('td', { 'class': 'detail', text: a.detail || a.reason || '' }));
    var acts = el('td', { 'class': 'acts' });
    if (H.may('operator')) {
      acts.appendChild(button('act-ack', 'ack', a, !unack));
      if (a.state === 'SHELVED') {
        acts.appendChild(button('act-unshelve', 'unshelve', a, false));
      } else {
        acts.appendChild(button('act-shelve', 'shelve', a, a.state === 'OUT_OF_SERVICE'));
      }
      acts.appendChild(button('act-comment', 'comment', a, false));
    }
    if (H.may('supervisor') && a.sensor && a.type !== 'LINK_DOWN' && a.type !== 'AREA_GAS') {
      acts.appendChild(a.state === 'OUT_OF_SERVICE' ? button('act-in-service', 'in-service', a, false)
        : button('act-out-of-service', 'out-of-service', a, false));
    }
    acts.appendChild(el('button', { type: 'button', 'class': 'act-detail', 'data-alarm-id': a.alarmId, text: t('act.detail') }));
    tr.appendChild(acts);
    return tr;
  }
  function button(cls, action, a, disabled) {
    return el('button', { type: 'button', 'class': cls, 'data-action': action, 'data-alarm-id': a.alarmId, disabled: disabled,
      text: t('act.' + action) });
  }

  body.addEventListener('click', function (ev) {
    var b = ev.target.closest('button');
    if (!b || b.disabled) { return; }
    var a = alarms[b.getAttribute('data-alarm-id')];
    if (b.classList.contains('act-detail')) {
      location.href = '/alarm?id=' + encodeURIComponent(b.getAttribute('data-alarm-id'));
      return;
    }
    if (a) { openDialog(b.getAttribute('data-action'), a); }
  });

  // ---- the action dialog
  var dialog = document.getElementById('action-dialog');
  var current = null;
  var NEEDS_COMMENT = { shelve: true, 'out-of-service': true, comment: true };
  function openDialog(action, a) {
    current = { action: action, alarm: a };
    document.getElementById('action-title').textContent = t('act.' + action);
    document.getElementById('action-target').textContent = (a.enterpriseName || a.enterprise) + ' · ' + (a.sensorName || a.sensor)
      + ' · ' + H.tOr('type.' + a.type, a.type) + ' · ' + a.alarmId;
    document.getElementById('action-duration-row').hidden = action !== 'shelve';
    document.getElementById('action-comment-need').textContent = t(NEEDS_COMMENT[action] ? 'act.needed' : 'act.optional');
    document.getElementById('action-comment').value = '';
    document.getElementById('action-error').hidden = true;
    document.getElementById('action-confirm').disabled = false;
    if (typeof dialog.showModal === 'function') { dialog.showModal(); } else { dialog.setAttribute('open', ''); }
    document.getElementById('action-comment').focus();
  }
  function closeDialog() {
    if (typeof dialog.close === 'function') { dialog.close(); } else { dialog.removeAttribute('open'); }
  }
  document.getElementById('action-cancel').addEventListener('click', closeDialog);
  document.getElementById('action-confirm').addEventListener('click', function () {
    if (!current) { return; }
    var comment = document.getElementById('action-comment').value.trim();
    if (NEEDS_COMMENT[current.action] && !comment) {
      var err = document.getElementById('action-error');
      err.textContent = t('act.need-comment');
      err.hidden = false;
      return;
    }
    var a = current.alarm, action = current.action;
    var cmd = { command: action, alarmId: a.alarmId, comment: comment };
    if (action === 'shelve') { cmd.duration = document.getElementById('action-duration').value.trim(); }
    if (action === 'out-of-service' || action === 'in-service') { cmd.sensor = a.sensor; }
    document.getElementById('action-confirm').disabled = true;
    var what = t('act.' + action) + ' ' + (a.sensorName || a.sensor) + ' (' + a.alarmId + ')';
    showResult('pending', what + ': ' + t('act.sending'));
    closeDialog();
    H.post('/api/command', cmd).then(function (r) {
      if (r.httpStatus >= 400) {
        showResult('error', what + ': ' + t('act.failed') + ' — ' + r.error);
      } else if (r.status === 'recorded') {
        showResult('ok', what + ': ' + t('act.recorded'));
      } else if (r.status === 'rejected') {
        showResult('error', what + ': ' + t('act.rejected') + ' — ' + (r.reason || ''));
      } else if (r.status === 'applied') {
        showResult('ok', what + ': ' + t('act.applied') + ' → ' + H.tOr('state.' + r.state, r.state || ''));
      } else {
        waiting[r.ts] = what;
        showResult('pending', what + ': ' + t('act.pending'));
      }
    }).catch(function (e) { showResult('error', what + ': ' + t('act.failed') + ' — ' + e.message); });
  });
  function showResult(kind, text) {
    result.hidden = false;
    result.className = 'result ' + kind;
    result.setAttribute('data-kind', kind);
    result.textContent = H.fmtTime(Date.now(), false) + '  ' + text;
  }

  // ---- filters
  function fillSelect(id, items, value) {
    var s = document.getElementById(id);
    var first = s.options[0];
    s.replaceChildren(first);
    items.forEach(function (it) { s.appendChild(el('option', { value: it.id, text: it.name })); });
    s.value = value || '';
    if (s.value !== (value || '')) { s.value = ''; }
  }
  function refreshFilters() {
    if (!catalogue) { return; }
    fillSelect('filter-town', catalogue.towns.map(function (x) { return { id: x.id, name: x.name }; }), filters.town);
    var ens = catalogue.enterprises.filter(function (e) { return !filters.town || e.town === filters.town; });
    fillSelect('filter-enterprise', ens.map(function (e) { return { id: e.id, name: e.name }; }), filters.enterprise);
    var srcs = [];
    ens.filter(function (e) { return !filters.enterprise || e.id === filters.enterprise; }).forEach(function (e) {
      e.sources.forEach(function (s) { srcs.push({ id: s.id, name: s.name + (s.grade ? ' (' + s.grade + ')' : '') }); });
    });
    fillSelect('filter-source', srcs, filters.source);
    fillSelect('filter-state', catalogue.states.map(function (s) { return { id: s, name: H.tOr('state.' + s, s) }; }), filters.state);
    fillSelect('filter-type', catalogue.types.map(function (s) { return { id: s, name: H.tOr('type.' + s, s) }; }), filters.type);
  }
  document.getElementById('filters').addEventListener('change', function (ev) {
    var k = ev.target.getAttribute('data-filter');
    if (!k) { return; }
    filters[k] = ev.target.value;
    if (k === 'town') { filters.enterprise = ''; filters.source = ''; }
    if (k === 'enterprise') { filters.source = ''; }
    sessionStorage.setItem('hw.filters', JSON.stringify(filters));
    refreshFilters();
    render();
  });
  document.getElementById('filter-clear').addEventListener('click', function () {
    filters = {};
    sessionStorage.removeItem('hw.filters');
    refreshFilters();
    render();
  });
  H.api('/api/catalogue').then(function (c) { catalogue = c; refreshFilters(); });

  // ---- the live stream
  H.on('snapshot', function (d) {
    alarms = {};
    d.alarms.forEach(function (a) { alarms[a.alarmId] = a; });
    render();
  });
  H.on('transition', function (d) {
    var e = d.event;
    if (d.alarm && d.standing) { alarms[d.alarm.alarmId] = d.alarm; } else if (e.alarmId && e.transition !== 'REJECTED') { delete alarms[e.alarmId]; }
    if (e.operator === H.username && e.transition === 'REJECTED') {
      showResult('error', (waiting[e.ts] || e.alarmId || '') + ': ' + t('act.rejected') + ' — ' + (e.reason || ''));
      delete waiting[e.ts];
    } else if (e.operator === H.username && waiting[e.ts]) {
      showResult('ok', waiting[e.ts] + ': ' + t('act.applied') + ' → ' + H.tOr('state.' + e.state, e.state || ''));
      delete waiting[e.ts];
    }
    render();
  });
})();
