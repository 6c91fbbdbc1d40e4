/* The duty roster: who is on duty now per scope and level, the weekly shifts; supervisors edit the YAML. */
(function () {
  'use strict';
  var H = window.HW, el = H.el, t = H.t;
  var DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  var version = null;

  function levelName(s) { return t('roster.level.' + s.level); }
  function scopeName(s) { return s.level === 'DISTRICT' ? t('roster.district') : s.name + ' (' + s.scope + ')'; }
  function days(list) {
    if (list.length === 7) { return t('roster.daily'); }
    // runs of consecutive days as MON-FRI
    var idx = list.map(function (d) { return DAYS.indexOf(d); }), out = [], i = 0;
    while (i < idx.length) {
      var j = i;
      while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) { j++; }
      out.push(j > i + 1 ? DAYS[idx[i]] + '-' + DAYS[idx[j]] : j === i + 1 ? DAYS[idx[i]] + ',' + DAYS[idx[j]] : DAYS[idx[i]]);
      i = j + 1;
    }
    return out.map(function (d) { return d.replace(/[A-Z]{3}/g, function (x) { return t('day.' + x); }); }).join(',');
  }
  function channels(p) {
    return p.channels.map(function (c) { return el('span', { 'class': 'ch', 'data-channel': c, text: t('ch.' + c) }); });
  }

  function load() {
    return H.api('/api/roster').then(function (r) {
      document.getElementById('roster-meta').textContent = r.name + ' · ' + r.timeZone + ' ' + r.localTime.replace('T', ' ');
      var problem = document.getElementById('roster-problem');
      problem.hidden = !r.problem;
      problem.textContent = r.problem || '';
      var now = document.querySelector('#roster-now tbody');
      now.replaceChildren.apply(now, r.scopes.map(function (s) {
        return el('tr', { 'class': 'roster-now-row', 'data-level': s.level, 'data-scope': s.scope, 'data-on-duty': s.onDuty.map(function (p) { return p.id; }).join(' ') }, [
          el('td', { text: levelName(s) }),
          el('td', { text: scopeName(s) }),
          el('td', {}, s.onDuty.length ? s.onDuty.map(function (p) {
            return el('span', { 'class': 'person', 'data-person': p.id }, [p.name + ' ', el('span', { 'class': 'id', text: p.id })]);
          }) : [el('span', { 'class': 'nobody', text: t('roster.nobody') })]),
          el('td', {}, s.onDuty.map(function (p) { return el('div', {}, [el('span', { 'class': 'sub', text: p.name + ': ' })].concat(channels(p))); }))
        ]);
      }));
      var week = document.querySelector('#roster-week tbody');
      var rows = [];
      r.scopes.forEach(function (s) {
        s.shifts.forEach(function (sh, i) {
          rows.push(el('tr', { 'class': 'roster-shift-row', 'data-level': s.level, 'data-scope': s.scope }, [
            el('td', { text: i === 0 ? levelName(s) : '' }),
            el('td', { text: i === 0 ? scopeName(s) : '' }),
            el('td', { text: days(sh.days) }),
            el('td', { text: sh.from + '–' + sh.to + (sh.to <= sh.from ? ' ' + t('roster.nextDay') : '') }),
            el('td', {}, sh.who.map(function (w) { return el('span', { 'class': 'person', 'data-person': w.id }, [w.name + ' ', el('span', { 'class': 'id', text: w.id })]); }))
          ]));
        });
      });
      week.replaceChildren.apply(week, rows);
    }).catch(function (e) {
      var problem = document.getElementById('roster-problem');
      problem.hidden = false;
      problem.textContent = e.message;
    });
  }

  function result(kind, text, errors) {
    var box = document.getElementById('roster-result');
    box.hidden = false;
    box.className = 'result ' + kind;
    box.setAttribute('data-kind', kind);
    box.replaceChildren(el('div', { text: text }));
    if (errors && errors.length) {
      box.appendChild(el('ul', {}, errors.map(function (e) {
        return el('li', { 'class': 'roster-error', text: e.place + ': ' + e.field + ': ' + e.message });
      })));
    }
  }

  function loadSource() {
    return H.api('/api/roster/source').then(function (s) {
      document.getElementById('roster-source').value = s.yaml;
      document.getElementById('roster-file').textContent = s.file;
      version = s.version;
    });
  }

  function save() {
    var btn = document.getElementById('roster-save');
    btn.disabled = true;
    result('pending', t('roster.saving'));
    H.post('/api/roster', { yaml: document.getElementById('roster-source').value, version: version }).then(function (r) {
      if (r.httpStatus === 200) {
        version = r.version;
        result('ok', t('roster.saved', { people: r.people }) + (r.backup ? ' ' + t('roster.backup', { file: r.backup }) : ''));
        load();
      } else if (r.httpStatus === 400) {
        result('error', t('roster.invalid', { n: (r.errors || []).length }), r.errors);
      } else {
        result('error', r.error || ('HTTP ' + r.httpStatus));
      }
    }).catch(function (e) { result('error', e.message); }).then(function () { btn.disabled = false; });
  }

  var edit = document.getElementById('roster-edit'); // only in the page of a supervisor
  if (edit && H.may('supervisor')) {
    edit.hidden = false;
    loadSource();
    document.getElementById('roster-save').addEventListener('click', save);
    document.getElementById('roster-reload').addEventListener('click', function () {
      loadSource().then(function () { document.getElementById('roster-result').hidden = true; });
    });
  }
  load();
  setInterval(load, 30000);
})();
