// The page of `spool serve`: reads the JSON API (docs/web.md) and draws it.
// Every stored string reaches the document through textContent, createTextNode or an attribute set with
// setAttribute only: logged text is hostile input, and the Content-Security-Policy forbids inline script
// and style anyway.
// No template literals: Maven filters this file, and it would read "$" followed by "{" as a property.
'use strict';

const TEXT_FILTERS = ['q', 'since', 'until', 'logger', 'thread', 'correlation_id'];
const PAGE = 100;
// The window a page opens with: statistics over a whole large store take seconds (11 s on 10 million
// SQLite rows), over the last hour milliseconds. 'all' in the address asks for everything.
const DEFAULT_SINCE = '1h';
const LIVE_MS = 2000;
const AROUND = 10;
const SVG = 'http://www.w3.org/2000/svg';
// The Audit panel's defaults: those of `spool audit`.
const AUDIT_DEFAULTS = { since: '24h', silentAfter: '1m' };
const TICK_SECONDS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
  172800, 604800, 2592000];

const $ = (id) => document.getElementById(id);
const form = $('filters');
// The view: everything in it but the loaded data lives in the page's address.
const view = {
  filters: { fields: [], context: [] }, metric: '', event: '', live: false, around: null, audit: null,
  next: null, records: [], known: null, window: null,
};
const events = new Map(); // id -> event, for the rows on the page
let inFlight = null;
let liveTimer = 0;

// ---- small DOM helpers ------------------------------------------------------------------------------

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function button(text, title, onClick, className) {
  const b = el('button', className || null, text);
  b.type = 'button';
  if (title) b.title = title;
  b.addEventListener('click', onClick);
  return b;
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
const num = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en', { maximumFractionDigits: 2 }));
const isoOf = (micros) => new Date(Math.floor(micros / 1000)).toISOString();

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  for (; n >= 1024 && i < units.length - 1; i++) n /= 1024;
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

// ---- one event, whichever JSON schema the server speaks ---------------------------------------------

/** Microseconds since the epoch of an ISO-8601 UTC time with up to 9 fraction digits. */
function microsOf(iso) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(iso || '');
  if (!m) return null;
  const seconds = Date.parse(m[1] + m[3]);
  return Number.isNaN(seconds) ? null : seconds * 1000 + Number(((m[2] || '') + '000000').slice(0, 6));
}

function frameText(f) {
  if (typeof f === 'string') return f;
  if (!f || typeof f !== 'object') return String(f);
  const where = f.file ? f.file + (f.line >= 0 && f.line !== undefined ? ':' + f.line : '') : 'Unknown Source';
  return (f.class ? f.class + '.' : '') + (f.method || '?') + '(' + where + ')';
}

/** The text of an exception: a string as stored, or the json format's object with its causes. */
function exceptionText(x, prefix, indent) {
  if (!x) return '';
  if (typeof x === 'string') return x;
  const tab = indent || '';
  let out = tab + (prefix || '') + (x.class || x.type || 'exception') + (x.message !== undefined && x.message !== null ? ': ' + x.message : '') + '\n';
  for (const f of x.stack || x.frames || []) out += tab + '\tat ' + frameText(f) + '\n';
  if (typeof x.more === 'number' && x.more > 0) out += tab + '\t... ' + x.more + ' more\n';
  for (const s of x.suppressed || []) out += exceptionText(s, 'Suppressed: ', tab + '\t');
  if (x.cause) out += exceptionText(x.cause, 'Caused by: ', tab);
  return out;
}

/**
 * One event as the page uses it, read from either schema the API has spoken: the query schema (`time`,
 * `ts_micros`, `message`, exception as text) or the json file destination's (`ts`, `v`, `thread_id`,
 * `msg` or `message`, typed field values, exception as an object with frames).
 */
function readEvent(r) {
  const ts = r.ts || r.time || '';
  const fields = r.fields || {};
  const context = r.context || {};
  const exception = exceptionText(r.exception);
  return {
    id: r.id || r.event_id || '',
    ts,
    micros: typeof r.ts_micros === 'number' ? r.ts_micros : microsOf(ts),
    level: r.level || '',
    logger: r.logger === null || r.logger === undefined ? '' : r.logger,
    thread: r.thread === null || r.thread === undefined ? '' : r.thread,
    threadId: r.thread_id,
    message: r.message !== undefined && r.message !== null ? String(r.message) : (r.msg !== undefined && r.msg !== null ? String(r.msg) : ''),
    fields,
    context,
    correlationId: r.correlation_id || context.correlation_id || '',
    traceId: r.trace_id || fields.trace_id || context.trace_id || '',
    exception,
    service: r.service, host: r.host, pid: r.pid,
    raw: r,
  };
}

const text = (v) => (v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v));

// ---- the address holds the view ---------------------------------------------------------------------

function readHash() {
  const h = new URLSearchParams(location.hash.slice(1));
  const f = { fields: h.getAll('field').filter((v) => v), context: h.getAll('context').filter((v) => v) };
  for (const name of TEXT_FILTERS) if (h.get(name)) f[name] = h.get(name);
  if (!h.has('since')) f.since = DEFAULT_SINCE;
  if (h.get('level')) {
    f.level = h.get('level');
    f.level_mode = 'exact';
  } else if (h.get('min_level')) {
    f.level = h.get('min_level');
    f.level_mode = 'min';
  }
  view.filters = f;
  view.metric = h.get('metric') || '';
  view.event = h.get('event') || '';
  view.live = h.get('live') === '1';
  view.around = h.get('around') ? { time: h.get('around'), id: h.get('around_id') || '', thread: h.get('around_thread') || '' } : null;
  view.audit = h.get('audit') === '1' ? {
    since: h.get('audit_since') || AUDIT_DEFAULTS.since, silentAfter: h.get('silent_after') || AUDIT_DEFAULTS.silentAfter,
  } : null;
  fillForm();
}

function fillForm() {
  const f = view.filters;
  for (const name of TEXT_FILTERS) form.elements[name].value = f[name] || '';
  form.elements.level.value = f.level || '';
  form.elements.level_mode.value = f.level_mode || 'min';
  form.elements.field.value = '';
  const range = $('range');
  const preset = !f.until && [...range.options].some((o) => o.value && o.value === (f.since || 'all'));
  range.value = preset ? (f.since || 'all') : '';
  const live = $('live');
  live.setAttribute('aria-pressed', String(view.live));
  live.classList.toggle('on', view.live);
  const audit = $('audit-toggle');
  audit.setAttribute('aria-pressed', String(Boolean(view.audit)));
  audit.classList.toggle('on', Boolean(view.audit));
  if (view.audit) {
    choose($('audit-since'), view.audit.since);
    choose($('audit-silent'), view.audit.silentAfter);
  }
}

/** Selects a value in a select, adding it as an option when the address holds one the select does not list. */
function choose(select, value) {
  if (![...select.options].some((o) => o.value === value)) select.append(new Option(value, value));
  select.value = value;
}

/** The filters, metric, opened event, live state, surrounding-events anchor and audit as an address fragment. */
function hashOf(v) {
  const h = new URLSearchParams();
  const f = v.filters;
  if (f.level) h.set(f.level_mode === 'exact' ? 'level' : 'min_level', f.level);
  for (const name of TEXT_FILTERS) if (f[name]) h.set(name, f[name]);
  if (!f.since) h.set('since', 'all');
  for (const field of f.fields) h.append('field', field);
  for (const entry of f.context) h.append('context', entry);
  if (v.metric) h.set('metric', v.metric);
  if (v.event) h.set('event', v.event);
  if (v.live) h.set('live', '1');
  if (v.around) {
    h.set('around', v.around.time);
    if (v.around.id) h.set('around_id', v.around.id);
    if (v.around.thread) h.set('around_thread', v.around.thread);
  }
  if (v.audit) {
    h.set('audit', '1');
    if (v.audit.since !== AUDIT_DEFAULTS.since) h.set('audit_since', v.audit.since);
    if (v.audit.silentAfter !== AUDIT_DEFAULTS.silentAfter) h.set('silent_after', v.audit.silentAfter);
  }
  return '#' + h.toString();
}

function saveHash() {
  history.replaceState(null, '', hashOf(view));
}

/** Goes to a changed view: a new address entry (Back returns), whose hashchange reloads the data. */
function go(change) {
  const next = Object.assign({}, view, { filters: Object.assign({}, view.filters, { fields: view.filters.fields.slice() }) });
  change(next);
  const hash = hashOf(next);
  if (location.hash === hash) refresh();
  else location.hash = hash;
}

/** The filters as the API takes them, as [name, value] pairs: since=all means no since. */
function apiFilters(extra) {
  const f = view.filters;
  const pairs = [];
  if (f.level) pairs.push([f.level_mode === 'exact' ? 'level' : 'min_level', f.level]);
  for (const name of TEXT_FILTERS) if (f[name] && !(name === 'since' && f[name] === 'all')) pairs.push([name, f[name]]);
  for (const field of f.fields) pairs.push(['field', field]);
  for (const entry of f.context || []) pairs.push(['context', entry]);
  for (const [k, v] of Object.entries(extra || {})) pairs.push([k, String(v)]);
  return pairs;
}

function addFilter(name, value) {
  go((v) => {
    if (name === 'field') {
      if (!v.filters.fields.includes(value)) v.filters.fields.push(value);
    } else if (name === 'context') {
      if (!v.filters.context.includes(value)) v.filters.context.push(value);
    } else {
      v.filters[name] = value;
    }
    v.event = '';
  });
}

function removeFilter(name, value) {
  go((v) => {
    if (name === 'field') v.filters.fields = v.filters.fields.filter((f) => f !== value);
    else if (name === 'context') v.filters.context = v.filters.context.filter((c) => c !== value);
    else if (name === 'level') v.filters.level = '';
    else if (name === 'since') v.filters.since = '';
    else delete v.filters[name];
  });
}

// ---- the API ----------------------------------------------------------------------------------------

async function api(path, params, signal) {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(path + (query ? '?' + query : ''), { signal, headers: { Accept: 'application/json' } });
  const body = await response.text();
  let json = null;
  try {
    json = JSON.parse(body);
  } catch (ignored) {
    // not JSON (a proxy's page, a plain-text 404): the status line says enough
  }
  if (!response.ok) {
    const why = json && json.error ? json.error : response.statusText;
    throw new Error(path + ': ' + response.status + ' ' + why);
  }
  return json;
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

// ---- refresh: one view, no overlapping requests -------------------------------------------------------

async function refresh() {
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const signal = controller.signal;
  document.documentElement.dataset.state = 'loading';
  // the parts fail on their own: a bad filter must not hide the store's name or the metrics
  const errors = [];
  const guard = (promise) => promise.catch((error) => {
    if (error.name !== 'AbortError') errors.push(error.message || String(error));
  });
  await Promise.all([guard(api('/api/health', {}, signal).then(drawHealth)), guard(loadEvents(signal)),
    guard(loadTimeline(signal)), guard(loadAround(signal)), guard(loadAudit(signal))]);
  if (!signal.aborted) {
    showError(errors.length ? new Error(errors.join('\n')) : null);
    document.documentElement.dataset.state = 'idle';
    document.documentElement.dataset.loads = String(Number(document.documentElement.dataset.loads || 0) + 1);
  }
  if (inFlight === controller) inFlight = null;
}

async function loadEvents(signal) {
  const limit = Math.min(1000, Math.max(PAGE, view.records.length));
  const page = await api('/api/logs', apiFilters({ limit }), signal);
  const before = view.known;
  view.records = page.records.map(readEvent);
  view.next = page.next;
  view.known = new Set(view.records.map((r) => r.id));
  drawEvents(view.live && before ? before : null);
  await hintOlder(view.records.length === 0, signal);
}

/** When the window is empty but older events match, says when the newest is from and offers them all. */
async function hintOlder(empty, signal) {
  const hint = $('hint');
  clear(hint);
  hint.hidden = true;
  if (!empty || !view.filters.since || view.filters.since === 'all') return;
  const older = await api('/api/logs', apiFilters({ limit: 1 }).filter(([k]) => k !== 'since' && k !== 'until'), signal);
  if (!older.records.length) return;
  const newest = readEvent(older.records[0]);
  hint.append(document.createTextNode('No events since ' + view.filters.since + '; the newest match is from '
      + utc(newest.ts) + ' UTC. '), button('Show all', null, () => go((v) => { v.filters.since = 'all'; v.filters.until = ''; })));
  hint.hidden = false;
}

async function loadTimeline(signal) {
  const box = $('histogram');
  const buckets = Math.max(10, Math.min(200, Math.round((box.clientWidth || 900) / 14)));
  const histogram = await api('/api/histogram', apiFilters({ buckets, top: 8 }), signal);
  view.window = histogram;
  drawHistogram(histogram);
  drawStats(histogram);
  const names = (await api('/api/metrics/names', {}, signal)).names;
  drawMetricNames(names);
  await loadMetric(signal);
}

async function loadMetric(signal) {
  const w = view.window;
  if (!view.metric || !w) {
    drawChart(null);
    drawTop([]);
    return;
  }
  const range = { since: w.since, until: w.until };
  const [series, top] = await Promise.all([
    api('/api/metrics', Object.assign({ name: view.metric, bucket: w.bucket_seconds + 's' }, range), signal),
    api('/api/metrics/top', Object.assign({ name: view.metric, limit: 10 }, range), signal),
  ]);
  drawChart(series);
  drawTop(top.samples);
}

async function loadAround(signal) {
  const panel = $('around');
  if (!view.around) {
    panel.hidden = true;
    return;
  }
  const a = view.around;
  const params = { time: a.time, before: AROUND, after: AROUND };
  if (a.id) params.id = a.id;
  if (a.thread) params.thread = a.thread;
  const answer = await api('/api/logs/around', params, signal);
  const rows = clear($('around-events'));
  const list = answer.before.map(readEvent);
  const anchor = answer.event ? readEvent(answer.event) : null;
  if (anchor) list.push(anchor);
  for (const r of answer.after.map(readEvent)) list.push(r);
  for (const r of list) {
    events.set(r.id, r);
    const tr = row(r);
    if (anchor && r.id === anchor.id) tr.classList.add('anchor');
    rows.append(tr);
    if (r.id === view.event) expand(tr, r);
  }
  if (!anchor && list.length) {
    // a moment without an event of its own (a metric sample's): a marker between before and after
    const marker = el('tr', 'moment');
    const td = el('td', null, '▸ ' + utc(answer.time) + ' UTC');
    td.colSpan = 5;
    marker.append(td);
    rows.insertBefore(marker, rows.children[answer.before.length] || null);
  }
  const title = $('around-title');
  clear(title).append(document.createTextNode('Events around ' + utc(answer.time) + ' UTC, '
      + (a.thread ? 'thread ' : 'all loggers and threads')), el('span', 'mono', a.thread || ''));
  if (!list.length) rows.append(el('tr', 'moment', 'no events'));
  panel.hidden = false;
}

async function more() {
  if (!view.next || inFlight) return;
  const controller = new AbortController();
  inFlight = controller;
  try {
    const page = await api('/api/logs', apiFilters({ limit: PAGE, after: view.next }), controller.signal);
    const added = page.records.map(readEvent);
    view.records = view.records.concat(added);
    view.next = page.next;
    for (const r of added) view.known.add(r.id);
    const body = $('events');
    for (const r of added) {
      events.set(r.id, r);
      body.append(row(r));
    }
    $('more').hidden = !view.next;
    showError(null);
  } catch (error) {
    if (error.name !== 'AbortError') showError(error);
  } finally {
    if (inFlight === controller) inFlight = null;
  }
}

// ---- audit: what each producer's ledgers say it sent against what the store holds (docs/audit.md) ----

/**
 * The columns of the Audit panel, in the order of `spool audit`'s table, each a member of an entry of
 * /api/audit (the objects `spool audit --json` prints). A member no column names is still shown, under
 * "Other", so a field the server adds appears before it gets a column of its own here.
 */
const AUDIT_COLUMNS = [
  { key: 'instance', label: 'Instance' },
  { key: 'service', label: 'Service', text: true },
  { key: 'host', label: 'Host', text: true },
  { key: 'pid', label: 'PID', count: true, show: String },
  { key: 'destination', label: 'Destination', text: true },
  { key: 'sent', label: 'Sent', count: true },
  { key: 'stored', label: 'Stored', count: true },
  { key: 'missing', label: 'Missing', count: true },
  { key: 'in_flight', label: 'In flight', count: true },
  { key: 'failed', label: 'Failed', count: true },
  { key: 'dropped', label: 'Dropped', show: (d) => Object.entries(d || {}).map(([k, n]) => k + '=' + num(n)).join(' ') || '–' },
  { key: 'state', label: 'State', show: (s) => String(s).toUpperCase() },
  { key: 'last_ledger', label: 'Last ledger (UTC)', show: (t) => utc(t).slice(0, 19) },
  // What each relay (collector, consumer) says of this instance's events: received → written, per hop.
  { key: 'relays', label: 'Path', text: true,
    show: (hops) => (hops || []).map((h) => h.role + ' ' + num(h.received) + '→' + num(h.written)
      + (h.duplicates ? ' dup ' + num(h.duplicates) : '') + (h.failed ? ' failed ' + num(h.failed) : '')).join(', ') || '–' },
  { key: 'gap_at', label: 'Gap', text: true, show: (g) => g || '–' },
];
/** The relay runs' table: the lines of `spool audit --json` that have `relay` where producers have `instance`. */
const RELAY_COLUMNS = [
  { key: 'relay', label: 'Relay' },
  { key: 'role', label: 'Role', text: true },
  { key: 'service', label: 'Service', text: true },
  { key: 'host', label: 'Host', text: true },
  { key: 'pid', label: 'PID', count: true, show: String },
  { key: 'producers', label: 'Producers', count: true },
  { key: 'received', label: 'Received', count: true },
  { key: 'written', label: 'Written', count: true },
  { key: 'duplicates', label: 'Duplicates', count: true },
  { key: 'failed', label: 'Failed', count: true },
  { key: 'dead_lettered', label: 'Dead-lettered', count: true },
  { key: 'rejected', label: 'Rejected', count: true },
  { key: 'state', label: 'State', show: (s) => String(s).toUpperCase() },
  { key: 'last_ledger', label: 'Last ledger (UTC)', show: (t) => utc(t).slice(0, 19) },
];
/** Members shown nowhere: the number of pipelines whose ledgers add up to the line. */
const AUDIT_UNSHOWN = ['pipelines'];

const plural = (n, word) => num(n) + ' ' + word + (n === 1 ? '' : 's');

async function loadAudit(signal) {
  const panel = $('audit');
  panel.hidden = !view.audit;
  if (!view.audit) return;
  const summary = $('audit-summary');
  try {
    drawAudit(await api('/api/audit', { since: view.audit.since, silent_after: view.audit.silentAfter }, signal));
  } catch (error) {
    if (error.name !== 'AbortError') {
      clear($('audit-rows'));
      summary.textContent = 'not read';
      summary.className = 'bad';
    }
    throw error;
  }
}

function drawAudit(report) {
  const known = new Set(AUDIT_COLUMNS.map((c) => c.key).concat(AUDIT_UNSHOWN));
  const others = (entry) => Object.keys(entry).filter((k) => !known.has(k));
  const withOthers = report.entries.some((e) => others(e).length > 0);
  const head = clear($('audit-head'));
  for (const c of AUDIT_COLUMNS) head.append(el('th', c.count ? 'count' : null, c.label));
  if (withOthers) head.append(el('th', null, 'Other'));
  const rows = clear($('audit-rows'));
  for (const entry of report.entries) {
    const tr = el('tr', 'audit-row' + (entry.missing > 0 ? ' missing' : ''));
    tr.dataset.instance = entry.instance;
    tr.dataset.destination = entry.destination;
    for (const c of AUDIT_COLUMNS) {
      const value = entry[c.key];
      const shown = value === undefined || value === null ? '–' : c.show ? c.show(value) : c.count ? num(value) : String(value);
      const td = el('td', c.count ? 'count' : c.text ? 'text' : null, shown);
      td.dataset.key = c.key;
      if (c.text) td.title = shown;
      if (c.key === 'state') td.classList.add('state-' + String(value));
      tr.append(td);
    }
    if (withOthers) tr.append(el('td', 'text', others(entry).map((k) => k + '=' + text(entry[k])).join(' ')));
    if (entry.missing > 0) tr.title = num(entry.missing) + ' events sent and not stored';
    rows.append(tr);
  }
  drawRelays(report.relays || []);
  const summary = $('audit-summary');
  summary.textContent = report.missing > 0
    ? plural(report.instances_missing, 'instance') + ' with missing events (' + num(report.missing) + ' missing)'
    : '0 missing across ' + plural(report.instances, 'instance');
  summary.className = report.missing > 0 ? 'bad' : 'ok';
  const empty = $('audit-empty');
  empty.hidden = report.entries.length > 0;
  empty.textContent = 'No ledgers since ' + (report.since ? utc(report.since).slice(0, 19) + ' UTC' : 'the beginning')
    + ': nothing to audit. Producers write ledgers only to destinations that carry them (docs/audit.md).';
}

function drawRelays(relays) {
  $('audit-relays').hidden = relays.length === 0;
  const head = clear($('audit-relay-head'));
  for (const c of RELAY_COLUMNS) head.append(el('th', c.count ? 'count' : null, c.label));
  const rows = clear($('audit-relay-rows'));
  for (const relay of relays) {
    const tr = el('tr', 'relay-row');
    tr.dataset.relay = relay.relay;
    for (const c of RELAY_COLUMNS) {
      const value = relay[c.key];
      const shown = value === undefined || value === null ? '–' : c.show ? c.show(value) : c.count ? num(value) : String(value);
      const td = el('td', c.count ? 'count' : c.text ? 'text' : null, shown);
      td.dataset.key = c.key;
      if (c.text) td.title = shown;
      tr.append(td);
    }
    rows.append(tr);
  }
}

// ---- events: one line each, expanding in place ------------------------------------------------------

function drawHealth(health) {
  $('store').textContent = health.store;
  $('size').textContent = bytes(health.size_bytes);
  document.title = 'Spool · ' + health.store;
}

function row(r) {
  const tr = el('tr', 'event');
  tr.dataset.id = r.id;
  tr.tabIndex = 0;
  tr.setAttribute('aria-expanded', 'false');
  tr.append(el('td', 'time', utc(r.ts).slice(0, 23)), el('td', 'level level-' + r.level, r.level), el('td', 'logger', r.logger),
    el('td', 'thread', r.thread));
  const message = el('td', 'message', r.message.split('\n', 1)[0]);
  for (const [k, v] of Object.entries(r.fields)) message.append(' ', el('span', 'field', k + '=' + text(v)));
  if (r.exception) message.append(' ', el('span', 'exception-mark', r.exception.split('\n', 1)[0]));
  tr.append(message);
  return tr;
}

function drawEvents(before) {
  const body = clear($('events'));
  const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('#events tr.event');
  const focusedId = focused ? focused.dataset.id : '';
  for (const r of view.records) {
    events.set(r.id, r);
    const tr = row(r);
    if (before && !before.has(r.id)) {
      tr.classList.add('new');
      tr.title = 'new since the last read';
    }
    body.append(tr);
    if (r.id === view.event) expand(tr, r);
    if (r.id === focusedId) tr.focus();
  }
  $('events-empty').hidden = view.records.length > 0;
  $('more').hidden = !view.next;
}

function filterButton(label, name, value) {
  const b = button(label, 'add ' + name + ' = ' + value + ' as a filter', () => addFilter(name, value), 'filter');
  b.dataset.filter = name;
  return b;
}

function copy(textToCopy, status, what) {
  const done = (ok) => {
    status.textContent = ok ? what + ' copied' : what + ': select and copy below';
  };
  const fallback = () => {
    const area = el('textarea', 'copy-area');
    area.value = textToCopy;
    area.readOnly = true;
    status.after(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (ignored) {
      // left selected for Ctrl+C
    }
    done(ok);
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(textToCopy).then(() => done(true), fallback);
  else fallback();
}

function detail(r) {
  const box = el('div', 'detail');
  const status = el('span', 'copy-status muted small');
  status.setAttribute('role', 'status');
  const actions = el('div', 'actions');
  actions.append(
    button('Copy as JSON', 'the event as the API sent it', () => copy(JSON.stringify(r.raw), status, 'JSON')),
    button('Surrounding events', 'the events just before and after this one, all loggers',
      () => go((v) => { v.around = { time: r.ts, id: r.id, thread: '' }; })),
    button('Same thread', 'the events just before and after this one on its thread',
      () => go((v) => { v.around = { time: r.ts, id: r.id, thread: r.thread }; })));
  if (r.exception) actions.append(button('Copy stack trace', null, () => copy(r.exception, status, 'stack trace')));
  actions.append(status);
  box.append(actions);
  if (r.message.includes('\n') || r.message.length > 120) box.append(el('pre', 'full-message', r.message));
  const dl = el('dl');
  const item = (name, ...content) => {
    dl.append(el('dt', null, name));
    const dd = el('dd');
    dd.append(...content);
    dl.append(dd);
  };
  item('time', utc(r.ts) + ' UTC');
  item('level', el('span', 'level level-' + r.level, r.level));
  item('logger', filterButton(r.logger, 'logger', r.logger));
  item('thread', filterButton(r.thread, 'thread', r.thread), r.threadId !== undefined ? el('span', 'muted', ' id ' + r.threadId) : '');
  if (r.correlationId) item('correlation id', filterButton(r.correlationId, 'correlation_id', r.correlationId));
  if (r.traceId && r.fields.trace_id !== undefined) item('trace id', filterButton(r.traceId, 'field', 'trace_id=' + text(r.traceId)));
  else if (r.traceId) item('trace id', filterButton(r.traceId, 'context', 'trace_id=' + r.traceId));
  const fields = Object.entries(r.fields);
  if (fields.length) {
    const list = el('span', 'pairs');
    for (const [k, v] of fields) list.append(filterButton(k + '=' + text(v), 'field', k + '=' + text(v)));
    item('fields', list);
  }
  const context = Object.entries(r.context);
  if (context.length) {
    const list = el('span', 'pairs');
    for (const [k, v] of context) {
      list.append(k === 'correlation_id' ? filterButton(k + '=' + v, 'correlation_id', v)
        : filterButton(k + '=' + text(v), 'context', k + '=' + text(v)));
    }
    item('context', list);
  }
  item('source', [r.service, r.host, r.pid].filter((x) => x !== undefined && x !== null && x !== '').join(' · '));
  item('id', r.id);
  box.append(dl);
  if (r.exception) box.append(el('pre', 'stack', r.exception));
  return box;
}

function expand(tr, r) {
  tr.setAttribute('aria-expanded', 'true');
  tr.classList.add('selected');
  const d = el('tr', 'detail-row');
  const td = el('td');
  td.colSpan = 5;
  td.append(detail(r));
  d.append(td);
  tr.after(d);
}

function collapse(tr) {
  tr.setAttribute('aria-expanded', 'false');
  tr.classList.remove('selected');
  const next = tr.nextElementSibling;
  if (next && next.classList.contains('detail-row')) next.remove();
}

/** Opens or closes an event's line; one open at a time, its id in the address. */
function toggle(tr) {
  const open = tr.getAttribute('aria-expanded') === 'true';
  for (const other of document.querySelectorAll('tr.event[aria-expanded="true"]')) collapse(other);
  view.event = open ? '' : tr.dataset.id;
  if (!open) expand(tr, events.get(tr.dataset.id));
  saveHash();
}

function onRows(body) {
  body.addEventListener('click', (e) => {
    if (e.target.closest('.detail-row') || window.getSelection().toString()) return;
    const tr = e.target.closest('tr.event');
    if (tr) toggle(tr);
  });
  body.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr.event');
    if (!tr || e.target !== tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle(tr);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const rows = [...body.querySelectorAll('tr.event')];
      const next = rows[rows.indexOf(tr) + (e.key === 'ArrowDown' ? 1 : -1)];
      if (next) next.focus();
    }
  });
}

// ---- stats ------------------------------------------------------------------------------------------

function bars(container, items, label, maxOf, filter) {
  clear(container);
  const max = Math.max(1, ...items.map(maxOf));
  for (const item of items) {
    const line = el('div', 'bar-row');
    const bar = el('div', 'bar');
    bar.style.width = (100 * maxOf(item) / max).toFixed(1) + '%';
    const name = filter ? filterButton(label(item), filter[0], filter[1](item)) : el('span', null, label(item));
    name.classList.add('bar-label');
    name.title = label(item) + (filter ? ': add as a filter' : '');
    const track = el('span', 'bar-track');
    track.append(bar);
    line.append(name, track, el('span', 'bar-count', num(item.count)));
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
  bars($('stats-loggers'), stats.loggers, (l) => l.name, (l) => l.count, ['logger', (l) => l.name]);
  bars($('stats-threads'), stats.threads, (t) => t.name, (t) => t.count, ['thread', (t) => t.name]);
}

// ---- time axis, histogram and metric chart ----------------------------------------------------------

const CHART = { H: 130, left: 52, right: 12, top: 10, bottom: 22 };

/** The x scale of a chart box over the window: micros -> pixels and back. */
function scale(box, w) {
  const width = Math.max(300, box.clientWidth || 900);
  const span = w.until_micros - w.since_micros;
  const inner = width - CHART.left - CHART.right;
  return {
    width,
    x: (t) => CHART.left + inner * (t - w.since_micros) / span,
    t: (x) => w.since_micros + span * (Math.min(Math.max(x, CHART.left), width - CHART.right) - CHART.left) / inner,
  };
}

function tickLabel(micros, step, span) {
  const iso = isoOf(micros);
  if (span > 86400e6) return iso.slice(5, 10) + (step < 86400 ? ' ' + iso.slice(11, 16) : '');
  return step < 60 ? iso.slice(11, 19) : iso.slice(11, 16);
}

function axes(root, s, w, top, unit, counts) {
  const H = CHART.H;
  const base = H - CHART.bottom;
  root.append(svg('line', { x1: CHART.left, y1: base, x2: s.width - CHART.right, y2: base, class: 'axis-line' }),
    svg('line', { x1: CHART.left, y1: CHART.top, x2: CHART.left, y2: base, class: 'axis-line' }));
  for (const fraction of [0, 0.5, 1]) {
    const y = base - (base - CHART.top) * fraction;
    if (fraction > 0) root.append(svg('line', { x1: CHART.left, y1: y, x2: s.width - CHART.right, y2: y, class: 'grid' }));
    root.append(svg('text', { x: CHART.left - 4, y: y + 3, class: 'axis', 'text-anchor': 'end' },
      num(counts ? Math.round(top * fraction) : top * fraction) + (fraction === 1 && unit ? ' ' + unit : '')));
  }
  const span = w.until_micros - w.since_micros;
  const step = TICK_SECONDS.find((t) => t * 1e6 >= span / 7) || 2592000;
  for (let t = Math.ceil(w.since_micros / (step * 1e6)) * step * 1e6; t <= w.until_micros; t += step * 1e6) {
    const x = s.x(t);
    root.append(svg('line', { x1: x, y1: base, x2: x, y2: base + 4, class: 'axis-line' }),
      svg('text', { x, y: H - 6, class: 'axis', 'text-anchor': 'middle' }, tickLabel(t, step, span)));
  }
}

/** Click a bar, or drag across a chart, to zoom the time range to it. */
function zoomable(root, s, bucketMicros) {
  let from = null;
  const band = svg('rect', { class: 'selection', x: 0, y: CHART.top, width: 0, height: CHART.H - CHART.top - CHART.bottom });
  root.append(band);
  const point = (e) => e.clientX - root.getBoundingClientRect().left;
  root.addEventListener('mousedown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    from = point(e);
  });
  root.addEventListener('mousemove', (e) => {
    if (from === null) return;
    const x = point(e);
    band.setAttribute('x', Math.min(from, x));
    band.setAttribute('width', Math.abs(x - from));
  });
  const end = (e) => {
    if (from === null) return;
    const to = point(e);
    const start = from;
    from = null;
    band.setAttribute('width', 0);
    let t0 = s.t(Math.min(start, to));
    let t1 = s.t(Math.max(start, to));
    if (Math.abs(to - start) < 4) { // a click: the bucket under it
      const origin = view.window.since_micros;
      t0 = Math.floor(t0 / bucketMicros) * bucketMicros;
      t1 = t0 + bucketMicros;
      t0 = Math.max(t0, origin);
    }
    zoomTo(t0, t1);
  };
  root.addEventListener('mouseup', end);
  root.addEventListener('mouseleave', (e) => {
    if (from !== null) end(e);
  });
}

function zoomTo(t0, t1) {
  const since = isoOf(t0);
  const until = isoOf(Math.max(t1, t0 + 1000));
  go((v) => {
    v.filters.since = since;
    v.filters.until = until;
  });
}

function zoomOut() {
  const w = view.window;
  if (!w) return;
  const span = w.until_micros - w.since_micros;
  const now = Date.now() * 1000;
  const t1 = w.until_micros + span / 2;
  const t0 = w.since_micros - span / 2;
  go((v) => {
    v.filters.since = isoOf(t0);
    v.filters.until = t1 >= now ? '' : isoOf(t1);
  });
}

function drawHistogram(w) {
  const box = clear($('histogram'));
  const s = scale(box, w);
  const H = CHART.H;
  const base = H - CHART.bottom;
  const root = svg('svg', { viewBox: '0 0 ' + s.width + ' ' + H, width: s.width, height: H, class: 'chart histogram', role: 'img' });
  root.append(svg('title', {}, 'events per ' + w.bucket_seconds + ' s'));
  const top = Math.max(1, ...w.buckets.map((b) => b.count));
  axes(root, s, w, top, '', true);
  const width = w.bucket_seconds * 1e6;
  for (const b of w.buckets) {
    const x0 = s.x(Math.max(b.start_micros, w.since_micros));
    const x1 = s.x(Math.min(b.start_micros + width, w.until_micros));
    const h = (base - CHART.top) * b.count / top;
    const rect = svg('rect', { class: 'hbar', x: (x0 + 0.5).toFixed(1), y: (base - h).toFixed(1), width: Math.max(1, x1 - x0 - 1).toFixed(1), height: h.toFixed(1) });
    rect.dataset.start = b.start;
    rect.dataset.count = b.count;
    rect.append(svg('title', {}, utc(b.start) + ' UTC: ' + num(b.count)));
    root.append(rect);
  }
  box.append(root);
  zoomable(root, s, width);
  $('histogram-label').textContent = utc(w.since).slice(0, 19) + ' – ' + utc(w.until).slice(0, 19) + ' UTC, '
    + num(w.total) + ' events, bars of ' + w.bucket_seconds + ' s';
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
  $('metric-top-name').textContent = current;
}

function drawChart(series) {
  const box = clear($('metric-chart'));
  const w = view.window;
  if (!series || !w) return;
  const s = scale(box, w);
  const H = CHART.H;
  const base = H - CHART.bottom;
  const root = svg('svg', { viewBox: '0 0 ' + s.width + ' ' + H, width: s.width, height: H, class: 'chart metric', role: 'img' });
  root.append(svg('title', {}, series.name + ' (' + (series.unit || 'no unit') + ') per ' + w.bucket_seconds + ' s'));
  box.append(root);
  const points = series.buckets.filter((b) => b.avg !== null || b.p95 !== null);
  const top = Math.max(0, ...points.map((b) => Math.max(b.avg || 0, b.p95 || 0))) || 1;
  axes(root, s, w, top, series.unit || '');
  if (!points.length) {
    root.append(svg('text', { x: s.width / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis' }, 'no samples in this range'));
  }
  const half = w.bucket_seconds * 1e6 / 2;
  const y = (v) => base - (base - CHART.top) * v / top;
  for (const key of ['p95', 'avg']) {
    const drawn = points.filter((b) => b[key] !== null);
    root.append(svg('polyline', { class: 'line ' + key, points: drawn.map((b) => s.x(b.start_micros + half).toFixed(1) + ',' + y(b[key]).toFixed(1)).join(' ') }));
    for (const b of drawn) {
      const dot = svg('circle', { class: 'dot ' + key, cx: s.x(b.start_micros + half).toFixed(1), cy: y(b[key]).toFixed(1), r: 2.5 });
      dot.append(svg('title', {}, utc(b.start) + ' ' + key + ' ' + num(b[key]) + ' (' + b.count + ' samples)'));
      root.append(dot);
    }
  }
  zoomable(root, s, w.bucket_seconds * 1e6);
}

function drawTop(samples) {
  const body = clear($('metric-top'));
  for (const sample of samples) {
    const tr = el('tr');
    const tags = Object.entries(sample.tags || {}).map(([k, v]) => k + '=' + text(v)).join(' ');
    const time = sample.time || sample.ts;
    const link = el('a', null, utc(time).slice(0, 23));
    const target = Object.assign({}, view, { around: { time, id: '', thread: '' } });
    link.href = hashOf(target);
    link.title = 'the events logged around this sample';
    const when = el('td', 'time');
    when.append(link);
    tr.append(when, el('td', 'value', num(sample.value) + ' ' + (sample.unit || '')), el('td', 'tags', tags));
    body.append(tr);
  }
}

// ---- wiring -----------------------------------------------------------------------------------------

/**
 * A From / To value as the API takes it: a date and time without a zone ("2026-12-05 10:00",
 * "2026-12-05T10:00:30", "2026-12-05") is the browser's local time, sent as a UTC instant; anything else
 * (a duration, an instant with its zone, "all") goes as typed, for the server to accept or refuse.
 */
function timeValue(value) {
  const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?))?$/.exec(value);
  if (!m) return value;
  const local = new Date(m[1] + 'T' + (m[2] || '00:00'));
  return Number.isNaN(local.getTime()) ? value : local.toISOString();
}

function formView(v) {
  const f = { fields: v.filters.fields.slice(), context: v.filters.context.slice() };
  for (const name of TEXT_FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) f[name] = name === 'since' || name === 'until' ? timeValue(value) : value;
  }
  if (!f.since) f.since = 'all';
  const level = form.elements.level.value;
  if (level) {
    f.level = level;
    f.level_mode = form.elements.level_mode.value;
  }
  const field = form.elements.field.value.trim();
  if (field && !f.fields.includes(field)) f.fields.push(field);
  v.filters = f;
  v.event = '';
}

function drawChips() {
  const chips = clear($('chips'));
  const f = view.filters;
  const chip = (label, name, value) => {
    const c = button(label + ' ×', 'remove this filter', () => removeFilter(name, value), 'chip');
    chips.append(c);
  };
  if (f.level) chip('level ' + (f.level_mode === 'exact' ? '= ' : '≥ ') + f.level, 'level');
  for (const name of ['q', 'logger', 'thread', 'correlation_id']) if (f[name]) chip(name + ': ' + f[name], name);
  for (const field of f.fields) chip(field, 'field', field);
  for (const entry of f.context) chip('context ' + entry, 'context', entry);
  if (f.until) chip('until ' + f.until, 'until');
}

function live() {
  clearTimeout(liveTimer);
  if (!view.live) return;
  // the next read starts two seconds after this one ends, so reads never overlap
  const tick = async () => {
    if (!view.live) return;
    if (!inFlight) await refresh();
    if (view.live) liveTimer = setTimeout(tick, LIVE_MS);
  };
  liveTimer = setTimeout(tick, LIVE_MS);
}

function typing(target) {
  return target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  go(formView);
});
$('range').addEventListener('change', (e) => {
  if (!e.target.value) {
    form.elements.since.focus();
    return;
  }
  const since = e.target.value;
  go((v) => {
    formView(v);
    v.filters.since = since;
    v.filters.until = '';
  });
});
$('clear').addEventListener('click', () => go((v) => {
  v.filters = { fields: [], context: [], since: DEFAULT_SINCE };
  v.event = '';
  v.around = null;
}));
$('more').addEventListener('click', more);
$('zoom-out').addEventListener('click', zoomOut);
$('live').addEventListener('click', () => {
  view.live = !view.live;
  view.known = null;
  fillForm();
  saveHash();
  live();
});
$('around-close').addEventListener('click', () => go((v) => { v.around = null; }));
$('audit-toggle').addEventListener('click', () => go((v) => {
  v.audit = v.audit ? null : Object.assign({}, AUDIT_DEFAULTS);
}));
$('audit-close').addEventListener('click', () => go((v) => { v.audit = null; }));
$('audit-since').addEventListener('change', (e) => go((v) => { v.audit = Object.assign({}, v.audit, { since: e.target.value }); }));
$('audit-silent').addEventListener('change', (e) => go((v) => { v.audit = Object.assign({}, v.audit, { silentAfter: e.target.value }); }));
onRows($('events'));
onRows($('around-events'));
$('metric-names').addEventListener('change', async (e) => {
  view.metric = e.target.value;
  saveHash();
  try {
    $('metric-top-name').textContent = view.metric;
    await loadMetric();
    showError(null);
  } catch (error) {
    showError(error);
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && !typing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    $('search').focus();
    $('search').select();
  } else if (e.key === 'Escape') {
    if (typing(e.target)) {
      e.target.blur();
      return;
    }
    const open = document.querySelector('tr.event[aria-expanded="true"]');
    if (open && (e.target === open || (e.target.closest && e.target.closest('.detail-row')))) {
      toggle(open);
      open.focus();
    } else if (view.around) {
      go((v) => { v.around = null; });
    } else if (open) {
      toggle(open);
      open.focus();
    }
  }
});
window.addEventListener('hashchange', () => {
  const wasLive = view.live;
  readHash();
  drawChips();
  view.records = [];
  view.known = null; // a new view: nothing in it is "new"

  refresh().then(() => {
    if (view.live && !wasLive) live();
  });
});

readHash();
drawChips();
refresh().then(live);
