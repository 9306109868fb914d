// The bureau's dashboard: signs in at the platform's OIDC issuer (authorization code + PKCE, public client), then
// reads aggregation-service's JSON APIs with the bearer token. No framework: the page is small and must stay
// readable by whoever maintains the services.

const STATES = {
  // Missing first: a reviewer's first question is who has not reported.
  missing: { label: '未报送', order: 0 },
  returned: { label: '已退回', order: 1 },
  draft: { label: '填报中', order: 2 },
  submitted: { label: '已上报', order: 3 },
  approved: { label: '已审核', order: 4 },
};
const KIND = { region: '地区', department: '部门', unit: '单位' };
const params = new URLSearchParams(location.search);
const store = window.sessionStorage;
if (params.get('poll')) store.setItem('fa.poll', params.get('poll'));
// Where to sign in comes from the service alone (login.json, written from its configuration): never from the
// address, so that a link cannot send the code and the PKCE verifier to a token endpoint it chose.
const LOGIN = await fetch('login.json', { cache: 'no-store' }).then((r) => (r.ok ? r.json() : null)).catch(() => null);
if (!LOGIN || !LOGIN.issuer || !LOGIN.client || !LOGIN.redirect) {
  document.getElementById('message').textContent = '无法读取登录配置（login.json），请稍后刷新';
  throw new Error('login.json unavailable');
}
const ISSUER = LOGIN.issuer;
const CLIENT = LOGIN.client;
const REDIRECT = new URL(LOGIN.redirect, location.origin).href;
// How often the 汇总 is asked again (an unchanged one answers 304 without a body): ?poll=<ms>, kept between
// 5 seconds and 10 minutes whatever the address says.
const POLL_MIN_MS = 5000;
const POLL_MAX_MS = 600000;
const POLL_MS = Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, Number(store.getItem('fa.poll')) || POLL_MIN_MS));
const API = '/api/v1/summaries';

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
};
const message = (text) => { $('message').textContent = text || ''; };

// ---- sign-in ----------------------------------------------------------------------------------------------------

const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));

async function endpoints() {
  try {
    const r = await fetch(ISSUER + '/.well-known/openid-configuration');
    if (r.ok) return await r.json();
  } catch (e) { /* fall back to Keycloak's paths */ }
  return { authorization_endpoint: ISSUER + '/protocol/openid-connect/auth',
    token_endpoint: ISSUER + '/protocol/openid-connect/token' };
}

async function signIn() {
  const verifier = random(48);
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = random(16);
  store.setItem('fa.pkce', JSON.stringify({ verifier, state, hash: location.hash }));
  const ep = await endpoints();
  const q = new URLSearchParams({ client_id: CLIENT, response_type: 'code', scope: 'openid', redirect_uri: REDIRECT,
    state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(ep.authorization_endpoint + '?' + q);
}

async function tokenRequest(form) {
  const ep = await endpoints();
  const r = await fetch(ep.token_endpoint, { method: 'POST', body: new URLSearchParams({ client_id: CLIENT, ...form }),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  if (!r.ok) throw new Error('登录失败（' + r.status + '）');
  const t = await r.json();
  t.expires_at = Date.now() + t.expires_in * 1000;
  store.setItem('fa.token', JSON.stringify(t));
  return t;
}

/** The code the issuer sent back, exchanged with the PKCE verifier kept before leaving. */
async function finishSignIn() {
  const code = params.get('code');
  if (!code) return;
  const pkce = JSON.parse(store.getItem('fa.pkce') || '{}');
  store.removeItem('fa.pkce');
  history.replaceState(null, '', REDIRECT + (pkce.hash || ''));
  if (params.get('state') !== pkce.state) throw new Error('登录状态不符，请重新登录');
  await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce.verifier });
}

async function accessToken() {
  let t = JSON.parse(store.getItem('fa.token') || 'null');
  if (t && t.expires_at - Date.now() < 30000) {
    try {
      t = await tokenRequest({ grant_type: 'refresh_token', refresh_token: t.refresh_token });
    } catch (e) {
      t = null;
    }
  }
  if (!t) {
    store.removeItem('fa.token');
    await signIn();
    throw new Error('正在跳转登录');
  }
  return t.access_token;
}

function claims(jwt) {
  const p = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(p), (c) => c.charCodeAt(0))));
}

async function api(path, headers = {}) {
  const r = await fetch(path, { cache: 'no-store', headers: { Authorization: 'Bearer ' + await accessToken(), ...headers } });
  if (r.status === 401) {
    store.removeItem('fa.token');
    await signIn();
  }
  return r;
}

async function json(path) {
  const r = await api(path);
  if (!r.ok) {
    let detail = '';
    try { detail = (await r.json()).detail || ''; } catch (e) { /* not problem+json */ }
    throw new Error(path + '：' + r.status + ' ' + detail);
  }
  return r.json();
}

// ---- the page's state -------------------------------------------------------------------------------------------

const page = { node: null, year: 2023, view: 'approved', mode: 'simple', etag: null, summary: null };
const charts = {};
const chart = (id) => (charts[id] ||= echarts.init($(id)));
const base = () => `${API}/${encodeURIComponent(page.node)}/${page.year}`;
const amount = (s) => (s == null ? null : Number(s));
const fmt = (s) => (s == null ? '—' : Number(s).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  if (h.get('node')) page.node = h.get('node');
  if (h.get('year')) page.year = Number(h.get('year'));
  if (h.get('view')) page.view = h.get('view');
  if (h.get('mode')) page.mode = h.get('mode');
}

function go(changes) {
  Object.assign(page, changes, { etag: null });
  history.pushState(null, '', '#' + new URLSearchParams({ node: page.node, year: page.year, view: page.view, mode: page.mode }));
  showControls();
  refresh().catch((e) => message(e.message));
}

function showControls() {
  $('node').value = page.node;
  $('year').value = page.year;
  $('view').value = page.view;
  $('consolidated').checked = page.mode === 'consolidated';
}

// ---- the 汇总 -----------------------------------------------------------------------------------------------------

function cell(summary, table, row, col) {
  const t = (summary.tables || []).find((x) => x.table === table);
  const c = t && t.cells.find((x) => x.row === row && x.col === col);
  return c ? c.amount : null;
}

function sum(...xs) {
  const present = xs.filter((x) => x != null);
  return present.length ? present.reduce((a, b) => a + Number(b), 0).toFixed(2) : null;
}

// The headline figures by name; each year says which cell of its template holds each (GET /api/v1/years/{year}/figures),
// so a template that moves a row between years changes no line here.
const HEADLINE = ['income_total', 'expense_total', 'basic_expense', 'project_expense', 'fiscal_appropriation_income',
  'sangong_total'];
const named = {};

async function namedFigures(year) {
  if (!named[year]) {
    const f = await json(`/api/v1/years/${year}/figures`);
    named[year] = Object.fromEntries(f.figures.map((x) => [x.id, x]));
  }
  return named[year];
}

/** A named figure of a 汇总 (null when the 汇总 has no such cell). */
function figure(s, id) {
  const f = (named[s.year] || {})[id];
  return f ? cell(s, f.table, f.row, f.col) : null;
}

function showFigures(s) {
  $('node-title').textContent = `${s.name}（${KIND[s.kind] || s.kind}）${s.year}年度`;
  const dl = $('figures');
  dl.replaceChildren();
  for (const id of HEADLINE) {
    const f = named[s.year][id];
    const dd = el('dd', { id: 'fig-' + id, className: 'figure', title: `公开${f.table}表 ${f.row} 第${f.col}栏` },
      fmt(cell(s, f.table, f.row, f.col)));
    dd.onclick = () => lineage(f.table, f.row, f.col, f.zh);
    dl.append(el('div', {}, el('dt', {}, f.zh), dd));
  }
  // 06 is the 财政拨款 part of 基本支出: 人员经费 and 公用经费, as the year names them.
  dl.append(el('div', {}, el('dt', {}, '其中财政拨款基本支出'), el('dd', { id: 'fig-personnel-common' },
    `人员经费 ${fmt(figure(s, 'personnel_expense'))} + 公用经费 ${fmt(figure(s, 'public_expense'))}`)));
  const f = s.freshness || {};
  $('freshness').textContent = `已报 ${f.unitsIn ?? '—'} / 应报 ${f.unitsExpected ?? '—'} 个单位，缺报 ${f.unitsMissing ?? '—'}；`
    + `待处理事件 ${f.pendingEvents ?? '—'}；最近更新 ${f.lastEventAppliedAt ? new Date(f.lastEventAppliedAt).toLocaleString('zh-CN') : '—'}；`
    + `检查于 ${new Date().toLocaleTimeString('zh-CN')}`;
  showClasses(s);
  showBasic(s);
}

/** 支出 by 功能分类: 类 (3 digits) and 款 (5 digits) summed from 03's 项 rows, labels from the rows that have them. */
function showClasses(s) {
  const labels = {};
  for (const t of s.tables || []) for (const c of t.cells) if (c.rowLabel && /^\d+$/.test(c.row)) labels[c.row] = c.rowLabel;
  const t03 = (s.tables || []).find((x) => x.table === named[s.year].basic_expense.table);
  const leaves = (t03 ? t03.cells : []).filter((c) => c.col === '1' && /^\d{7}$/.test(c.row));
  const byClass = {}, bySection = {};
  for (const c of leaves) {
    byClass[c.row.slice(0, 3)] = (byClass[c.row.slice(0, 3)] || 0) + Number(c.amount);
    bySection[c.row.slice(0, 5)] = (bySection[c.row.slice(0, 5)] || 0) + Number(c.amount);
  }
  const name = (code) => `${code} ${labels[code] || ''}`.trim();
  chart('class-chart').setOption({
    tooltip: { trigger: 'item', valueFormatter: (v) => fmt(v) + ' 万元' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      { name: '类', type: 'pie', radius: [0, '38%'], label: { position: 'inner', fontSize: 10 },
        data: Object.entries(byClass).map(([k, v]) => ({ name: name(k), value: v.toFixed(2) })) },
      { name: '款', type: 'pie', radius: ['48%', '68%'],
        data: Object.entries(bySection).map(([k, v]) => ({ name: name(k), value: v.toFixed(2) })) },
    ],
  }, true);
}

function showBasic(s) {
  chart('basic-chart').setOption({
    tooltip: { trigger: 'item', valueFormatter: (v) => fmt(v) + ' 万元' },
    series: [{ type: 'pie', radius: '65%', data: [
      { name: '基本支出', value: amount(figure(s, 'basic_expense')) || 0 },
      { name: '项目支出', value: amount(figure(s, 'project_expense')) || 0 }] }],
  }, true);
}

// ---- the tree of units with their states --------------------------------------------------------------------------

/** Each node's children down to the units, with the state of each unit as aggregation knows it. */
async function showTree() {
  // The submitted view lists every unit with a submitted version and the state it was counted with; an approval
  // of that same version shows in the approved view, so a unit whose approved version is its latest is 已审核.
  const [submitted, approved] = await Promise.all([json(`${base()}/units?view=submitted`), json(`${base()}/units?view=approved`)]);
  const state = {}, version = {};
  for (const m of submitted.missing) state[m] = 'missing';
  for (const u of submitted.in) { state[u.unit] = u.state; version[u.unit] = u.version; }
  for (const u of approved.in) if (!(version[u.unit] > u.version)) state[u.unit] = 'approved';
  const root = { node: page.node, name: page.summary.name, kind: page.summary.kind };
  await grow(root, state, 0);
  const counts = tally(root);
  $('tree-counts').textContent = Object.entries(STATES).map(([k, v]) => `${v.label} ${counts[k] || 0}`).join('，');
  $('tree').replaceChildren(render(root));
}

async function grow(node, state, depth) {
  if (node.kind === 'unit') {
    node.state = state[node.node] || 'missing';
    return;
  }
  if (depth > 4) return;
  const income = named[page.year].income_total;
  const children = await json(`${API}/${encodeURIComponent(node.node)}/${page.year}/children?view=${page.view}&table=${income.table}`);
  node.children = children.map((c) => ({ node: c.node, name: c.name, kind: c.kind,
    income: (c.cells.find((x) => x.row === income.row && x.col === income.col) || {}).amount }));
  await Promise.all(node.children.map((c) => grow(c, state, depth + 1)));
}

function tally(node) {
  if (node.kind === 'unit') return node.counts = { [node.state]: 1 };
  node.counts = {};
  for (const c of node.children || []) for (const [k, v] of Object.entries(tally(c))) node.counts[k] = (node.counts[k] || 0) + v;
  return node.counts;
}

const rank = (n) => Math.min(...Object.keys(n.counts).map((k) => (STATES[k] ? STATES[k].order : 5)), 9);

function render(node) {
  const li = el('li', { 'data-node': node.node, 'data-state': node.state || '' }, el('span', { className: 'name' }, node.name));
  if (node.kind === 'unit') {
    li.append(el('span', { className: 'state state-' + node.state }, (STATES[node.state] || { label: node.state }).label),
      el('span', { className: 'amount' }, node.income != null ? `收入 ${fmt(node.income)}` : ''));
  } else {
    li.append(el('span', { className: 'counts' }, ' ' + Object.entries(STATES).filter(([k]) => node.counts[k])
      .map(([k, v]) => `${v.label}${node.counts[k]}`).join(' ')));
    const ul = el('ul');
    for (const c of [...(node.children || [])].sort((a, b) => rank(a) - rank(b) || a.node.localeCompare(b.node))) {
      ul.append(render(c));
    }
    li.append(ul);
  }
  if (node.node !== page.node && node.kind !== 'unit') {
    li.firstChild.classList.add('figure');
    li.firstChild.onclick = () => go({ node: node.node });
  }
  return li;
}

// ---- children side by side, drill-down --------------------------------------------------------------------------

async function showChildren() {
  const { income_total: income, expense_total: expense } = named[page.year];
  const children = await json(`${base()}/children?view=${page.view}&table=${income.table}`);
  const get = (c, f) => (c.cells.find((x) => x.row === f.row && x.col === f.col) || {}).amount;
  const body = $('children').tBodies[0];
  body.replaceChildren(...children.map((c) => {
    const tr = el('tr', { 'data-node': c.node }, el('td', {}, c.name), el('td', {}, String(c.unitsIn)),
      el('td', {}, fmt(get(c, income))), el('td', {}, fmt(get(c, expense))));
    tr.onclick = () => go({ node: c.node });
    return tr;
  }));
  const ch = chart('children-chart');
  ch.setOption({
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v) + ' 万元' },
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: children.map((c) => c.name), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', name: '万元' },
    series: [
      { name: income.zh, type: 'bar', data: children.map((c) => amount(get(c, income)) || 0) },
      { name: expense.zh, type: 'bar', data: children.map((c) => amount(get(c, expense)) || 0) }],
  }, true);
  ch.off('click');
  ch.on('click', (e) => go({ node: children[e.dataIndex].node }));
}

// ---- the years: the trend of the headline figures ---------------------------------------------------------------

/** The node's headline figures over the open years (one line each), and each child's 本年收入合计 year by year. */
async function showTrend() {
  const t = await json(`${API}/${encodeURIComponent(page.node)}/trend?view=${page.view}`);
  const [self, ...children] = t.series;
  chart('trend-chart').setOption({
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v) + ' 万元' },
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { type: 'category', data: t.years.map((y) => y + '年') },
    yAxis: { type: 'value', name: '万元' },
    series: t.figures.map((f) => ({ name: f.zh, type: 'line',
      data: self.years.map((p) => amount(p.figures[f.id])) })),
  }, true);
  $('trend').tHead.replaceChildren(el('tr', {}, el('th', {}, '本年收入合计'), ...t.years.map((y) => el('th', {}, y + '年'))));
  $('trend').tBodies[0].replaceChildren(...[self, ...children].map((c) => {
    const tr = el('tr', { 'data-node': c.node }, el('td', {}, c.name),
      ...c.years.map((p) => el('td', { 'data-year': String(p.year) }, fmt(p.figures.income_total))));
    if (c !== self) tr.onclick = () => go({ node: c.node });
    return tr;
  }));
}

/** The year switch: the years the platform keeps; switching keeps the node, the view and the mode. */
async function showYears() {
  const { years } = await json('/api/v1/years');
  const select = $('year');
  const known = years.includes(page.year) ? years : [...years, page.year].sort();
  select.replaceChildren(...known.map((y) => el('option', { value: String(y) }, y + '年')));
  select.value = String(page.year);
}

// ---- findings and lineage ---------------------------------------------------------------------------------------

async function showFindings() {
  const findings = await json(`${base()}/findings?view=${page.view}`);
  const ul = $('findings');
  ul.replaceChildren(...findings.map((f) => {
    const li = el('li', { className: 'severity-' + f.severity },
      `[${{ error: '错误', warning: '警告', info: '提示' }[f.severity] || f.severity}] ${f.cell ? f.cell.label : ''}：${f.messageZh}`,
      f.units && f.units.length ? `（单位：${f.units.join('、')}）` : '');
    if (f.cell) li.onclick = () => lineage(f.cell.table, f.cell.row, f.cell.col, f.cell.label);
    return li;
  }));
  if (!findings.length) ul.append(el('li', {}, '未发现问题'));
}

async function lineage(table, row, col, label) {
  try {
    const l = await json(`${base()}/cells/${table}/${encodeURIComponent(row)}/${col}/lineage?view=${page.view}`);
    const rows = (l.units || []).map((u) => el('tr', {}, el('td', {}, u.name || u.unit), el('td', {}, '第' + u.version + '版'),
      el('td', {}, STATES[u.state] ? STATES[u.state].label : u.state), el('td', {}, fmt(u.amount))));
    $('lineage').replaceChildren(el('p', {}, `${label}（公开${table}表 ${l.rowLabel || row} 第${col}栏）= ${fmt(l.amount)} 万元，来自：`),
      el('table', { id: 'lineage-units' }, el('thead', {}, el('tr', {}, el('th', {}, '单位'), el('th', {}, '版本'),
        el('th', {}, '状态'), el('th', {}, '金额'))), el('tbody', {}, ...rows)));
  } catch (e) {
    message(e.message);
  }
}

// ---- performance and funds --------------------------------------------------------------------------------------

async function showPerformance() {
  const p = await json(`${base()}/performance`);
  $('performance-summary').textContent = `${p.units} 个单位 ${p.projects} 个项目，全年预算 ${fmt(p.fullYearBudget)}，`
    + `已支出 ${fmt(p.spent)}，执行率 ${p.executionRate ?? '—'}%；落后序时进度 ${p.behindSchedule} 个，超预算 ${p.overBudget} 个`
    + (p.projectsBehindSchedule && p.projectsBehindSchedule.length ? `（${p.projectsBehindSchedule.join('、')}）` : '');
  chart('performance-chart').setOption({
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: p.byUnit.map((u) => u.unit) },
    yAxis: { type: 'value', name: '执行率 %' },
    series: [{ type: 'bar', data: p.byUnit.map((u) => amount(u.executionRate)) }],
  }, true);
}

async function showFunds() {
  const f = await json(`${base()}/funds`);
  const rows = [];
  for (const fund of f.funds) for (const l of fund.levels) {
    rows.push(el('tr', {}, el('td', {}, fund.fundLabel || fund.fund), el('td', {}, l.level), el('td', {}, l.insured ?? '—'),
      el('td', {}, fmt(l.totalIncome)), el('td', {}, fmt(l.totalExpense)), el('td', {}, fmt(l.balance))));
  }
  $('funds').tBodies[0].replaceChildren(...rows);
  if (!rows.length) $('funds').tBodies[0].append(el('tr', {}, el('td', { colSpan: 6 }, '无基金统计')));
}

// ---- refresh, polling and the Excel link ------------------------------------------------------------------------

/** Asks for the 汇总 with its ETag: 304 means nothing changed, so nothing else is asked either. */
async function refresh() {
  const url = `${base()}?view=${page.view}&mode=${page.mode}`;
  const r = await api(url, page.etag ? { 'If-None-Match': page.etag } : {});
  if (r.status === 304) {
    $('freshness').dataset.checked = new Date().toISOString();
    return false;
  }
  if (!r.ok) throw new Error(`${url}：${r.status}`);
  page.etag = r.headers.get('ETag');
  page.summary = await r.json();
  await namedFigures(page.summary.year);
  message('');
  showFigures(page.summary);
  const parts = await Promise.allSettled([showTree(), showChildren(), showTrend(), showFindings(), showPerformance(),
    showFunds()]);
  const failed = parts.filter((p) => p.status === 'rejected').map((p) => p.reason.message);
  if (failed.length) message(failed.join('；'));
  document.body.dataset.loaded = page.etag;
  return true;
}

async function excel() {
  const r = await api(`${base()}?view=${page.view}&mode=${page.mode}&format=xlsx`);
  if (!r.ok) return message('导出失败：' + r.status);
  const a = el('a', { href: URL.createObjectURL(await r.blob()),
    download: `${page.node}-${page.year}-汇总${page.mode === 'consolidated' ? '-合并' : ''}.xlsx` });
  document.body.append(a);
  a.click();
  a.remove();
}

async function main() {
  await finishSignIn();
  const me = claims(await accessToken());
  $('signed-in').textContent = `${me.preferred_username || me.sub}（${me.org_node || ''}）`;
  document.body.dataset.poll = String(POLL_MS);
  page.node = me.org_node;
  readHash();
  // Without the list the page still shows the year of its address; the message says why the switch is short.
  await showYears().catch((e) => message(e.message));
  showControls();
  $('controls').onchange = () => go({ node: $('node').value.trim(), year: Number($('year').value), view: $('view').value,
    mode: $('consolidated').checked ? 'consolidated' : 'simple' });
  $('controls').onsubmit = (e) => e.preventDefault();
  $('up').onclick = () => history.back();
  $('excel').onclick = () => excel().catch((e) => message(e.message));
  window.onpopstate = () => { readHash(); page.etag = null; showControls(); refresh().catch((e) => message(e.message)); };
  window.onresize = () => Object.values(charts).forEach((c) => c.resize());
  await refresh();
  setInterval(() => refresh().catch((e) => message(e.message)), POLL_MS);
}

main().catch((e) => message(e.message));
