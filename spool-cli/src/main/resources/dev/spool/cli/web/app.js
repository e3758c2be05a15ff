// The page of `spool serve`: reads the JSON API (docs/web.md) and draws it.
// Every stored string reaches the document through textContent or createTextNode only: logged text is
// hostile input, and the Content-Security-Policy forbids inline script and style anyway.
// No template literals: Maven filters this file, and it would read "$" followed by "{" as a property.
'use strict';

const FILTERS = ['level', 'min_level', 'since', 'logger', 'thread', 'q', 'correlation_id', 'field'];
const PAGE = 100;
// The window a page opens with: statistics over a whole large store take seconds (11 s on 10 million
// SQLite rows), over the last hour milliseconds. 'all' in the address asks for everything.
const DEFAULT_SINCE = '1h';
const LIVE_MS = 2000;
const NICE_BUCKETS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
  86400, 172800, 604800, 2592000];
const SVG = 'http://www.w3.org/2000/svg';

const $ = (id) => document.getElementById(id);
const form = $('filters');
const view = { filters: {}, metric: '', event: '', next: null, records: [], oldestMicros: null };
let inFlight = null;
let liveTimer = 0;

// ---- small DOM helpers ------------------------------------------------------------------------------

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = String(text);
  return e;
}

function clear(node) {
  node.replaceChildren();
  return node;
}

const utc = (iso) => (iso ? iso.replace('T', ' ').replace('Z', '') : '');
/** An event's time (the JSON Lines `ts`, 2025-11-21T23:55:01.123456Z) in microseconds since the epoch. */
const micros = (ts) => Date.parse(ts.slice(0, 23) + 'Z') * 1000 + Number(ts.slice(23, 26) || 0);
/** An exception object of the JSON Lines schema as Java prints one: class: message, frames, causes. */
function trace(e, prefix = '') {
  let text = prefix + e.class + (e.message === undefined ? '' : ': ' + e.message) + '\n';
  for (const frame of e.stack || []) text += '\tat ' + frame + '\n';
  for (const s of e.suppressed || []) text += trace(s, '\tSuppressed: ');
  return e.cause ? text + trace(e.cause, 'Caused by: ') : text;
}
const headline = (e) => e.class + (e.message === undefined ? '' : ': ' + e.message.split('\n', 1)[0]);
const num = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en', { maximumFractionDigits: 2 }));

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  for (; n >= 1024 && i < units.length - 1; i++) n /= 1024;
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

// ---- the address holds the view ---------------------------------------------------------------------

function formFilters() {
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  for (const name of FILTERS) form.elements[name].value = h.get(name) || (name === 'since' ? DEFAULT_SINCE : '');
  view.filters = formFilters();
  view.metric = h.get('metric') || '';
  view.event = h.get('event') || '';
}

function hashOf() {
  const h = new URLSearchParams(view.filters);
  if (view.metric) h.set('metric', view.metric);
  if (view.event) h.set('event', view.event);
  return '#' + h.toString();
}

function saveHash() {
  history.replaceState(null, '', hashOf());
}

/** The filters as the API takes them: since=all means no since. */
function apiFilters(extra) {
  const filters = Object.assign({}, view.filters, extra);
  if (filters.since === 'all') delete filters.since;
  return filters;
}

// ---- the API ----------------------------------------------------------------------------------------

async function api(path, params, signal) {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(path + (query ? '?' + query : ''), { signal, headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch (ignored) {
    // not JSON (a proxy's page, a plain-text 404): the status line says enough
  }
  if (!response.ok) {
    const why = body && body.error ? body.error : response.statusText;
    throw new Error(path + ': ' + response.status + ' ' + why);
  }
  return body;
}

function showError(error) {
  const banner = $('error');
  if (error) {
    banner.textContent = error.message || String(error);
    banner.hidden = false;
  } else {
    banner.hidden = true;
    banner.textContent = '';
  }
}

function chooseBucket(seconds) {
  const wanted = Math.max(1, seconds / 60);
  const s = NICE_BUCKETS.find((b) => b >= wanted) || NICE_BUCKETS[NICE_BUCKETS.length - 1];
  if (s % 86400 === 0) return s / 86400 + 'd';
  if (s % 3600 === 0) return s / 3600 + 'h';
  if (s % 60 === 0) return s / 60 + 'm';
  return s + 's';
}

/** The seconds the time window spans: the since duration, an ISO instant, or back to the oldest event. */
function windowSeconds() {
  const since = view.filters.since;
  const m = since && /^(\d+)(s|m|h|d)$/.exec(since);
  if (m) return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2]];
  const instant = since ? Date.parse(since) : NaN;
  if (!Number.isNaN(instant)) return (Date.now() - instant) / 1000;
  if (view.oldestMicros !== null) return Date.now() / 1000 - view.oldestMicros / 1e6;
  return 3600;
}

// ---- refresh: one view, no overlapping requests -------------------------------------------------------

async function refresh() {
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const signal = controller.signal;
  // the parts fail on their own: a bad filter must not hide the store's name or the metrics
  const errors = [];
  const guard = (promise) => promise.catch((error) => {
    if (error.name !== 'AbortError') errors.push(error.message || String(error));
  });
  await Promise.all([guard(api('/api/health', {}, signal).then(drawHealth)), guard(loadEvents(signal))]);
  await guard(loadMetrics(signal));
  if (!signal.aborted) showError(errors.length ? new Error(errors.join('\n')) : null);
  if (inFlight === controller) inFlight = null;
}

async function loadEvents(signal) {
  const limit = Math.min(1000, Math.max(PAGE, view.records.length));
  const [page, oldest] = await Promise.all([
    api('/api/logs', apiFilters({ limit }), signal),
    api('/api/logs', apiFilters({ limit: 1, order: 'oldest' }), signal),
  ]);
  view.records = page.records;
  view.next = page.next;
  view.oldestMicros = oldest.records.length ? micros(oldest.records[0].ts) : null;
  drawEvents(false);
  await hintOlder(page.records.length === 0, signal);
  const newest = page.records.length ? micros(page.records[0].ts) : null;
  const span = newest !== null && view.oldestMicros !== null ? (newest - view.oldestMicros) / 1e6 : 60;
  drawStats(await api('/api/stats', apiFilters({ bucket: chooseBucket(span), top: 8 }), signal));
}

/** When the window is empty but older events match, says when the newest is from and offers them all. */
async function hintOlder(empty, signal) {
  const hint = $('hint');
  clear(hint);
  hint.hidden = true;
  if (!empty || !apiFilters().since) return;
  const older = await api('/api/logs', apiFilters({ since: 'all', limit: 1 }), signal);
  if (!older.records.length) return;
  const all = el('button', null, 'Show all');
  all.type = 'button';
  all.addEventListener('click', () => {
    form.elements.since.value = 'all';
    apply();
  });
  hint.append(document.createTextNode('No events since ' + view.filters.since + '; the newest match is from '
      + utc(older.records[0].ts) + ' UTC. '), all);
  hint.hidden = false;
}

async function loadMetrics(signal) {
  drawMetricNames((await api('/api/metrics/names', {}, signal)).names);
  if (view.metric) await loadMetric(signal);
}

async function more() {
  if (!view.next || inFlight) return;
  const controller = new AbortController();
  inFlight = controller;
  try {
    const page = await api('/api/logs', apiFilters({ limit: PAGE, after: view.next }), controller.signal);
    view.records = view.records.concat(page.records);
    view.next = page.next;
    drawEvents(true, page.records);
    showError(null);
  } catch (error) {
    if (error.name !== 'AbortError') showError(error);
  } finally {
    if (inFlight === controller) inFlight = null;
  }
}

// ---- drawing ----------------------------------------------------------------------------------------

function drawHealth(health) {
  $('store').textContent = health.store;
  $('size').textContent = bytes(health.size_bytes);
  document.title = 'Spool · ' + health.store;
}

function row(r) {
  const tr = el('tr');
  tr.dataset.id = r.id;
  tr.tabIndex = 0;
  tr.append(el('td', 'time', utc(r.ts).slice(0, 23)), el('td', 'level level-' + r.level, r.level), el('td', 'logger', r.logger),
    el('td', 'thread', r.thread));
  const message = el('td', 'message', r.message);
  for (const [k, v] of Object.entries(r.fields || {})) message.append(' ', el('span', 'field', k + '=' + v));
  if (r.exception) message.append(' ', el('span', 'exception-mark', headline(r.exception)));
  tr.append(message);
  if (r.id === view.event) tr.classList.add('selected');
  return tr;
}

function drawEvents(append, added) {
  const body = $('events');
  if (!append) clear(body);
  for (const r of append ? added : view.records) body.append(row(r));
  $('events-empty').hidden = view.records.length > 0;
  $('more').hidden = !view.next;
  const selected = view.records.find((r) => r.id === view.event);
  if (selected) drawDetail(selected);
  else if (!append) $('detail').hidden = true;
}

function members(dl, object) {
  for (const [k, v] of Object.entries(object)) {
    dl.append(el('dt', null, k));
    const dd = el('dd');
    if (k === 'exception') {
      dd.append(el('pre', 'exception', trace(v)));
    } else if (v && typeof v === 'object') {
      const inner = el('dl', 'nested');
      members(inner, v);
      dd.append(Object.keys(v).length ? inner : el('span', 'muted', 'none'));
    } else {
      dd.textContent = v === null ? 'null' : String(v);
      if (k === 'level') dd.className = 'level level-' + v;
    }
    dl.append(dd);
  }
}

function drawDetail(record) {
  members(clear($('detail-members')), record);
  $('detail').hidden = false;
}

function select(id) {
  view.event = view.event === id ? '' : id;
  for (const tr of $('events').children) tr.classList.toggle('selected', tr.dataset.id === view.event);
  const record = view.records.find((r) => r.id === view.event);
  if (record) drawDetail(record);
  else $('detail').hidden = true;
  saveHash();
}

function bars(container, items, label, maxOf) {
  clear(container);
  const max = Math.max(1, ...items.map(maxOf));
  for (const item of items) {
    const line = el('div', 'bar-row');
    const bar = el('div', 'bar');
    bar.style.width = (100 * maxOf(item) / max).toFixed(1) + '%';
    line.append(el('span', 'bar-label', label(item)), el('span', 'bar-track'), el('span', 'bar-count', num(item.count)));
    line.children[1].append(bar);
    container.append(line);
    if (item.level) {
      line.classList.add('level-' + item.level);
      line.dataset.level = item.level;
    }
  }
}

function drawStats(stats) {
  $('stats-total').textContent = num(stats.total);
  bars($('stats-levels'), stats.levels, (l) => l.level + ' ' + l.percent.toFixed(1) + '%', (l) => l.percent);
  bars($('stats-loggers'), stats.loggers, (l) => l.name, (l) => l.count);
  bars($('stats-threads'), stats.threads, (t) => t.name, (t) => t.count);
  const histogram = clear($('stats-buckets'));
  const max = Math.max(1, ...stats.buckets.map((b) => b.count));
  for (const b of stats.buckets) {
    const column = el('div', 'column');
    column.style.height = (100 * b.count / max).toFixed(1) + '%';
    column.title = utc(b.start) + ': ' + b.count;
    histogram.append(column);
  }
  $('stats-bucket-label').textContent = stats.buckets.length
    ? stats.buckets.length + (stats.buckets.length === 1 ? ' bucket' : ' buckets') + ' of ' + stats.bucket_seconds
      + ' s, from ' + utc(stats.buckets[0].start) + (stats.buckets_left_out ? ' (' + stats.buckets_left_out + ' older left out)' : '')
    : '';
}

function drawMetricNames(names) {
  const select = $('metric-names');
  const current = view.metric || names[0] || '';
  clear(select);
  for (const name of names) select.append(new Option(name, name, name === current, name === current));
  if (!names.length && !current) select.append(new Option('no metrics', ''));
  if (current && !names.includes(current)) select.append(new Option(current + ' (none)', current, true, true));
  view.metric = current;
  select.disabled = names.length === 0;
}

async function loadMetric(signal) {
  const since = apiFilters().since ? { since: view.filters.since } : {};
  const params = { name: view.metric, bucket: chooseBucket(windowSeconds()), ...since };
  const [series, top] = await Promise.all([
    api('/api/metrics', params, signal),
    api('/api/metrics/top', { name: view.metric, limit: 10, ...since }, signal),
  ]);
  drawChart(series);
  drawTop(top.samples);
}

function drawChart(series) {
  const W = 400;
  const H = 170;
  const PAD = 24;
  const chart = clear($('metric-chart'));
  const points = series.buckets.filter((b) => b.avg !== null || b.p95 !== null);
  const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img' });
  root.append(svg('title', {}, series.name + ' (' + (series.unit || 'no unit') + ')'));
  chart.append(root);
  if (!points.length) {
    root.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis' }, 'no samples'));
    return;
  }
  const t0 = points[0].start_micros;
  const t1 = points[points.length - 1].start_micros;
  const top = Math.max(...points.map((b) => Math.max(b.avg || 0, b.p95 || 0))) || 1;
  const x = (t) => (t1 === t0 ? W / 2 : PAD + (W - 2 * PAD) * (t - t0) / (t1 - t0));
  const y = (v) => H - PAD - (H - 2 * PAD) * v / top;
  root.append(svg('line', { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, class: 'grid' }),
    svg('line', { x1: PAD, y1: PAD, x2: W - PAD, y2: PAD, class: 'grid' }),
    svg('text', { x: PAD, y: PAD - 8, class: 'axis' }, num(top) + ' ' + (series.unit || '')),
    svg('text', { x: PAD, y: H - 8, class: 'axis' }, utc(points[0].start)),
    svg('text', { x: W - PAD, y: H - 8, class: 'axis', 'text-anchor': 'end' }, utc(points[points.length - 1].start)));
  for (const key of ['p95', 'avg']) {
    const drawn = points.filter((b) => b[key] !== null);
    root.append(svg('polyline', { class: 'line ' + key, points: drawn.map((b) => x(b.start_micros).toFixed(1) + ',' + y(b[key]).toFixed(1)).join(' ') }));
    for (const b of drawn) {
      const dot = svg('circle', { class: 'dot ' + key, cx: x(b.start_micros).toFixed(1), cy: y(b[key]).toFixed(1), r: 2.5 });
      dot.append(svg('title', {}, utc(b.start) + ' ' + key + ' ' + num(b[key]) + ' (' + b.count + ' samples)'));
      root.append(dot);
    }
  }
}

function drawTop(samples) {
  const body = clear($('metric-top'));
  for (const s of samples) {
    const tr = el('tr');
    const tags = Object.entries(s.tags || {}).map(([k, v]) => k + '=' + v).join(' ');
    tr.append(el('td', 'time', utc(s.time).slice(0, 23)), el('td', 'value', num(s.value) + ' ' + (s.unit || '')), el('td', 'tags', tags));
    body.append(tr);
  }
}

// ---- wiring -----------------------------------------------------------------------------------------

function apply() {
  view.filters = formFilters();
  view.records = [];
  const hash = hashOf();
  if (location.hash === hash || (hash === '#' && !location.hash)) refresh();
  else location.hash = hash; // the hashchange listener reloads
}

function live() {
  clearTimeout(liveTimer);
  if (!$('live').checked) return;
  // the next read starts two seconds after this one ends, so reads never overlap
  const tick = async () => {
    if (!$('live').checked) return;
    if (!inFlight) await refresh();
    if ($('live').checked) liveTimer = setTimeout(tick, LIVE_MS);
  };
  liveTimer = setTimeout(tick, LIVE_MS);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  apply();
});
$('clear').addEventListener('click', () => {
  form.reset();
  apply();
});
$('more').addEventListener('click', more);
$('live').addEventListener('change', live);
$('detail-close').addEventListener('click', () => select(view.event));
$('events').addEventListener('click', (e) => {
  const tr = e.target.closest('tr');
  if (tr && !window.getSelection().toString()) select(tr.dataset.id);
});
$('events').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.target.dataset.id) select(e.target.dataset.id);
});
$('metric-names').addEventListener('change', async (e) => {
  view.metric = e.target.value;
  saveHash();
  try {
    await loadMetric();
    showError(null);
  } catch (error) {
    showError(error);
  }
});
window.addEventListener('hashchange', () => {
  view.records = [];
  readHash();
  refresh();
});

readHash();
refresh();
