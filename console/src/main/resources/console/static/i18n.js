/* Texts of the console in Chinese (default) and English; the choice is kept in cookie hw_lang. */
(function () {
  'use strict';
  var T = {
    zh: {
      'app.name': '危化品重大危险源监测指挥台',
      'title.alarms': '实时报警 - HazardWatch', 'title.board': '四色风险图 - HazardWatch', 'title.alarm': '报警详情 - HazardWatch',
      'title.health': '报警系统健康 - HazardWatch', 'title.digest': '每周简报 - HazardWatch', 'title.notifications': '通知记录 - HazardWatch',
      'title.login': '登录 - HazardWatch',
      'nav.alarms': '实时报警', 'nav.board': '四色风险图', 'nav.health': '报警系统健康', 'nav.digest': '每周简报',
      'nav.notifications': '通知记录', 'nav.roster': '值班表', 'nav.logout': '退出登录', 'title.roster': '值班表 - HazardWatch',
      'roster.hint': '值班表：每一级（区指挥中心、各乡镇、各企业）现在谁在值班、如何通知，以及每周的排班。',
      'roster.now': '当前值班', 'roster.week': '每周排班', 'roster.level': '级别', 'roster.scope': '范围', 'roster.onDuty': '值班人员',
      'roster.channels': '通知渠道', 'roster.days': '日期', 'roster.time': '时间', 'roster.who': '人员', 'roster.nobody': '无人值班（报警将升级到上一级）',
      'roster.level.DISTRICT': '区', 'roster.level.TOWN': '乡镇', 'roster.level.ENTERPRISE': '企业', 'roster.district': '区应急指挥中心',
      'roster.daily': '每天', 'roster.nextDay': '（次日）', 'roster.edit': '编辑值班表（值班长）',
      'roster.edit.hint': '保存前按监测目录逐项检查；有错误时不保存并列出每一处错误。保存后原文件留作 .bak，通知服务 5 秒内启用新值班表，无需重启。',
      'roster.file': '文件', 'roster.save': '检查并保存', 'roster.reload': '重新载入文件', 'roster.saving': '正在检查并保存…',
      'roster.saved': '已保存（{people} 人），通知服务 5 秒内启用。', 'roster.backup': '原文件已备份为 {file}',
      'roster.invalid': '值班表有 {n} 处错误，未保存：',
      'day.MON': '周一', 'day.TUE': '周二', 'day.WED': '周三', 'day.THU': '周四', 'day.FRI': '周五', 'day.SAT': '周六', 'day.SUN': '周日',
      'ch.webhook': 'Webhook', 'ch.mqtt': 'MQTT', 'ch.email': '邮件',
      'lang.other': 'English',
      'live.connecting': '连接中…', 'live.on': '实时连接正常', 'live.off': '连接中断，正在重连…', 'live.expired': '登录已过期',
      'role.viewer': '观察员', 'role.operator': '值班员', 'role.supervisor': '值班长',
      'login.username': '用户名', 'login.password': '密码', 'login.submit': '登录', 'login.failed': '用户名或密码错误。',
      'f.town': '乡镇', 'f.enterprise': '企业', 'f.source': '危险源', 'f.state': '状态', 'f.type': '类型', 'f.all': '全部',
      'f.clear': '清除筛选',
      'alarms.standing': '当前报警', 'alarms.none': '当前没有报警', 'alarms.of': '共',
      'col.priority': '级别', 'col.raised': '报警时间', 'col.where': '乡镇 / 企业', 'col.sensor': '危险源 / 测点', 'col.type': '类型',
      'col.state': '状态', 'col.value': '数值 / 限值', 'col.limit': '限值', 'col.detail': '说明', 'col.actions': '操作',
      'prio.1': '一级', 'prio.2': '二级', 'prio.3': '三级', 'prio.4': '四级', 'prio.0': '未定',
      'act.ack': '确认', 'act.shelve': '搁置', 'act.unshelve': '取消搁置', 'act.comment': '备注', 'act.detail': '详情',
      'act.out-of-service': '停用检修', 'act.in-service': '恢复投用', 'act.duration': '搁置时长', 'act.comment.label': '处置说明',
      'act.cancel': '取消', 'act.confirm': '确认', 'act.needed': '（必填）', 'act.optional': '（选填）',
      'act.sending': '正在发送…', 'act.applied': '已执行', 'act.rejected': '被拒绝', 'act.pending': '已发送，等待监测引擎回应',
      'act.recorded': '备注已记录', 'act.failed': '操作失败', 'act.need-comment': '请填写处置说明',
      'state.ACTIVE_UNACK': '报警未确认', 'state.ACTIVE_ACK': '报警已确认', 'state.RTN_UNACK': '已恢复未确认', 'state.NORMAL': '已结束',
      'state.SHELVED': '已搁置', 'state.SUPPRESSED': '已抑制', 'state.OUT_OF_SERVICE': '停用检修',
      'type.HIGH_HIGH': '高高限', 'type.HIGH': '高限', 'type.LOW': '低限', 'type.LOW_LOW': '低低限', 'type.RATE_OF_CHANGE': '变化率过快',
      'type.FORECAST_HH': '趋势预警(高高)', 'type.FORECAST_LL': '趋势预警(低低)', 'type.STALE': '无数据', 'type.LINK_DOWN': '通讯中断',
      'type.FLATLINE': '数值僵死', 'type.FAULT': '仪表故障', 'type.AREA_GAS': '区域气体报警', 'type.CHATTERING': '频繁报警',
      'tr.RAISE': '报警', 'tr.ESCALATE': '升级', 'tr.DEESCALATE': '降级', 'tr.CLEAR': '恢复', 'tr.RETURN': '再次报警', 'tr.ACK': '确认',
      'tr.SHELVE': '搁置', 'tr.UNSHELVE': '取消搁置', 'tr.SUPPRESS': '抑制', 'tr.UNSUPPRESS': '解除抑制', 'tr.OUT_OF_SERVICE': '停用检修',
      'tr.IN_SERVICE': '恢复投用', 'tr.REJECTED': '命令被拒绝', 'tr.COMMENT': '备注（控制台）',
      'level.RED': '红色（重大）', 'level.ORANGE': '橙色（较大）', 'level.YELLOW': '黄色（一般）', 'level.BLUE': '蓝色（低）',
      'board.towns': '乡镇', 'board.enterprises': '企业', 'board.hint': '颜色为 hw.risk 上的最新风险等级；数字为当前报警数',
      'board.alarms': '条报警',
      'detail.back': '← 返回报警列表', 'detail.trend': '测点趋势', 'detail.hours': '最近小时数', 'detail.history': '处置记录（审计追踪）',
      'detail.nodata': '该时段 InfluxDB 中没有读数', 'detail.notrend': '此报警不属于单个测点，没有趋势', 'detail.points': '个数据点',
      'h.time': '时间', 'h.transition': '变化', 'h.state': '状态', 'h.value': '数值', 'h.operator': '操作人', 'h.comment': '说明', 'h.reason': '原因',
      'health.hint': '依据 ISA-18.2 / EEMUA 191：每 10 分钟约 1 条为宜；10 分钟内超过 10 条为报警泛滥；频繁报警应为零；超过 24 小时的长期报警应很少。',
      'digest.csv': '下载 CSV',
      'notes.hint': '每一条通知：发给谁、内容、时间、渠道、结果，最新在前。', 'notes.none': '还没有通知记录',
      'n.at': '时间', 'n.recipient': '接收人', 'n.level': '级别', 'n.channel': '渠道', 'n.subject': '内容', 'n.alarms': '报警', 'n.status': '结果',
      'n.SENT': '已送达', 'n.FAILED': '失败', 'n.RETRYING': '重试中', 'n.attempt': '第{n}次',
      'r.raised': '报警数', 'r.perTen': '每10分钟平均', 'r.floods': '泛滥时段', 'r.floodPct': '泛滥时段占比', 'r.top10': '最频繁的10个报警',
      'r.chattering': '频繁报警（10分钟内超过5次）', 'r.standing': '持续超过24小时的报警', 'r.last24h': '最近24小时每10分钟报警数',
      'r.window': '统计区间', 'r.none': '无', 'r.sensor': '测点', 'r.type': '类型', 'r.count': '次数', 'r.hours': '小时',
      'r.newAlarms': '本周新增', 'r.open': '未闭环', 'r.unack': '未确认', 'r.dueSoon': '即将到期', 'r.overdue': '已逾期',
      'r.byEnterprise': '按企业', 'r.byTown': '按乡镇', 'r.name': '名称', 'r.town': '乡镇', 'r.weekStart': '本周起始',
      'err.session': '登录已过期，请重新登录'
    },
    en: {
      'app.name': 'Major Hazard Monitoring Command Console',
      'title.alarms': 'Live alarms - HazardWatch', 'title.board': 'Risk board - HazardWatch', 'title.alarm': 'Alarm detail - HazardWatch',
      'title.health': 'Alarm system health - HazardWatch', 'title.digest': 'Weekly digest - HazardWatch', 'title.notifications': 'Notifications - HazardWatch',
      'title.login': 'Log in - HazardWatch',
      'nav.alarms': 'Live alarms', 'nav.board': 'Risk board', 'nav.health': 'Alarm health', 'nav.digest': 'Weekly digest',
      'nav.notifications': 'Notifications', 'nav.roster': 'Duty roster', 'nav.logout': 'Log out', 'title.roster': 'Duty roster - HazardWatch',
      'roster.hint': 'Duty roster: who is on duty now at each level (district command centre, each town, each enterprise), how they are reached, and the weekly shifts.',
      'roster.now': 'On duty now', 'roster.week': 'Weekly shifts', 'roster.level': 'Level', 'roster.scope': 'Scope', 'roster.onDuty': 'On duty',
      'roster.channels': 'Channels', 'roster.days': 'Days', 'roster.time': 'Time', 'roster.who': 'People', 'roster.nobody': 'nobody on duty (alarms go to the next level)',
      'roster.level.DISTRICT': 'District', 'roster.level.TOWN': 'Town', 'roster.level.ENTERPRISE': 'Enterprise', 'roster.district': 'District command centre',
      'roster.daily': 'daily', 'roster.nextDay': '(next day)', 'roster.edit': 'Edit the roster (supervisor)',
      'roster.edit.hint': 'Checked against the catalogue before it is saved; with errors nothing is saved and every error is listed. The previous file is kept as .bak; the notification service uses the new roster within 5 s, without a restart.',
      'roster.file': 'File', 'roster.save': 'Check and save', 'roster.reload': 'Reload the file', 'roster.saving': 'Checking and saving…',
      'roster.saved': 'Saved ({people} people); the notification service uses it within 5 s.', 'roster.backup': 'The previous file is kept as {file}.',
      'roster.invalid': 'Errors in the roster: {n}; nothing saved:',
      'day.MON': 'Mon', 'day.TUE': 'Tue', 'day.WED': 'Wed', 'day.THU': 'Thu', 'day.FRI': 'Fri', 'day.SAT': 'Sat', 'day.SUN': 'Sun',
      'ch.webhook': 'webhook', 'ch.mqtt': 'MQTT', 'ch.email': 'e-mail',
      'lang.other': '中文',
      'live.connecting': 'Connecting…', 'live.on': 'Live', 'live.off': 'Disconnected, reconnecting…', 'live.expired': 'Session ended',
      'role.viewer': 'Viewer', 'role.operator': 'Operator', 'role.supervisor': 'Supervisor',
      'login.username': 'Username', 'login.password': 'Password', 'login.submit': 'Log in', 'login.failed': 'Wrong username or password.',
      'f.town': 'Town', 'f.enterprise': 'Enterprise', 'f.source': 'Hazard source', 'f.state': 'State', 'f.type': 'Type', 'f.all': 'All',
      'f.clear': 'Clear filters',
      'alarms.standing': 'Standing alarms', 'alarms.none': 'No standing alarms', 'alarms.of': 'of',
      'col.priority': 'Priority', 'col.raised': 'Raised', 'col.where': 'Town / enterprise', 'col.sensor': 'Source / sensor', 'col.type': 'Type',
      'col.state': 'State', 'col.value': 'Value / limit', 'col.limit': 'limit', 'col.detail': 'Detail', 'col.actions': 'Actions',
      'prio.1': 'P1', 'prio.2': 'P2', 'prio.3': 'P3', 'prio.4': 'P4', 'prio.0': 'P?',
      'act.ack': 'Ack', 'act.shelve': 'Shelve', 'act.unshelve': 'Unshelve', 'act.comment': 'Comment', 'act.detail': 'Detail',
      'act.out-of-service': 'Out of service', 'act.in-service': 'In service', 'act.duration': 'Shelve for', 'act.comment.label': 'Comment',
      'act.cancel': 'Cancel', 'act.confirm': 'Confirm', 'act.needed': '(required)', 'act.optional': '(optional)',
      'act.sending': 'Sending…', 'act.applied': 'Done', 'act.rejected': 'Rejected', 'act.pending': 'Sent, waiting for the engine',
      'act.recorded': 'Comment recorded', 'act.failed': 'Failed', 'act.need-comment': 'A comment is required',
      'state.ACTIVE_UNACK': 'Active, unacked', 'state.ACTIVE_ACK': 'Active, acked', 'state.RTN_UNACK': 'Cleared, unacked', 'state.NORMAL': 'Ended',
      'state.SHELVED': 'Shelved', 'state.SUPPRESSED': 'Suppressed', 'state.OUT_OF_SERVICE': 'Out of service',
      'type.HIGH_HIGH': 'High-high', 'type.HIGH': 'High', 'type.LOW': 'Low', 'type.LOW_LOW': 'Low-low', 'type.RATE_OF_CHANGE': 'Rate of change',
      'type.FORECAST_HH': 'Forecast HH', 'type.FORECAST_LL': 'Forecast LL', 'type.STALE': 'No data', 'type.LINK_DOWN': 'Link down',
      'type.FLATLINE': 'Flatline', 'type.FAULT': 'Instrument fault', 'type.AREA_GAS': 'Area gas', 'type.CHATTERING': 'Chattering',
      'tr.RAISE': 'Raised', 'tr.ESCALATE': 'Escalated', 'tr.DEESCALATE': 'De-escalated', 'tr.CLEAR': 'Cleared', 'tr.RETURN': 'Returned',
      'tr.ACK': 'Acknowledged', 'tr.SHELVE': 'Shelved', 'tr.UNSHELVE': 'Unshelved', 'tr.SUPPRESS': 'Suppressed', 'tr.UNSUPPRESS': 'Unsuppressed',
      'tr.OUT_OF_SERVICE': 'Out of service', 'tr.IN_SERVICE': 'In service', 'tr.REJECTED': 'Command rejected', 'tr.COMMENT': 'Comment (console)',
      'level.RED': 'Red (major)', 'level.ORANGE': 'Orange (large)', 'level.YELLOW': 'Yellow (general)', 'level.BLUE': 'Blue (low)',
      'board.towns': 'Towns', 'board.enterprises': 'Enterprises', 'board.hint': 'Colour: latest risk level on hw.risk; number: standing alarms',
      'board.alarms': 'alarms',
      'detail.back': '← Back to the alarm list', 'detail.trend': 'Sensor trend', 'detail.hours': 'Last hours', 'detail.history': 'History (audit trail)',
      'detail.nodata': 'No readings in InfluxDB for this period', 'detail.notrend': 'This alarm is not a single sensor\'s: no trend', 'detail.points': 'points',
      'h.time': 'Time', 'h.transition': 'Transition', 'h.state': 'State', 'h.value': 'Value', 'h.operator': 'Operator', 'h.comment': 'Comment', 'h.reason': 'Reason',
      'health.hint': 'After ISA-18.2 / EEMUA 191: about 1 alarm per 10 minutes; more than 10 in 10 minutes is a flood; chattering alarms should be zero; few alarms should stand over 24 h.',
      'digest.csv': 'Download CSV',
      'notes.hint': 'Every notification: to whom, what, when, which channel, with what result; newest first.', 'notes.none': 'No notifications yet',
      'n.at': 'Time', 'n.recipient': 'Recipient', 'n.level': 'Level', 'n.channel': 'Channel', 'n.subject': 'Subject', 'n.alarms': 'Alarms', 'n.status': 'Result',
      'n.SENT': 'Sent', 'n.FAILED': 'Failed', 'n.RETRYING': 'Retrying', 'n.attempt': 'attempt {n}',
      'r.raised': 'Alarms raised', 'r.perTen': 'Average per 10 min', 'r.floods': 'Flood periods', 'r.floodPct': 'Share of flood periods', 'r.top10': 'Top 10 most frequent',
      'r.chattering': 'Chattering (more than 5 in 10 min)', 'r.standing': 'Standing over 24 h', 'r.last24h': 'Alarms per 10 min, last 24 h',
      'r.window': 'Period', 'r.none': 'none', 'r.sensor': 'Sensor', 'r.type': 'Type', 'r.count': 'Count', 'r.hours': 'hours',
      'r.newAlarms': 'New this week', 'r.open': 'Not closed', 'r.unack': 'Unacknowledged', 'r.dueSoon': 'Due soon', 'r.overdue': 'Overdue',
      'r.byEnterprise': 'By enterprise', 'r.byTown': 'By town', 'r.name': 'Name', 'r.town': 'Town', 'r.weekStart': 'Week from',
      'err.session': 'Session ended, log in again'
    }
  };
  function cookieLang() {
    var m = document.cookie.match(/(?:^|;\s*)hw_lang=(zh|en)/);
    return m ? m[1] : 'zh';
  }
  var lang = cookieLang();
  function t(key, vars) {
    var s = (T[lang] && T[lang][key]) || (T.zh[key]) || key;
    if (vars) { Object.keys(vars).forEach(function (k) { s = s.replace('{' + k + '}', vars[k]); }); }
    return s;
  }
  /** A translation when one exists, else the fallback (for enum names without a text). */
  function tOr(key, fallback) {
    return (T[lang] && T[lang][key]) || fallback;
  }
  function apply(root) {
    (root || document).querySelectorAll('[data-i18n]').forEach(function (el) {
      var k = el.getAttribute('data-i18n');
      if (k) { el.textContent = t(k); }
    });
  }
  window.HW_I18N = { lang: lang, t: t, tOr: tOr, apply: apply };
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  apply(document);
  var sw = document.getElementById('lang-switch');
  if (sw) {
    sw.addEventListener('click', function () {
      var next = lang === 'en' ? 'zh' : 'en';
      document.cookie = 'hw_lang=' + next + '; Path=/; Max-Age=31536000; SameSite=Strict';
      location.reload();
    });
  }
})();
