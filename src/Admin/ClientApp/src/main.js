// The BillForU admin dashboard: plain DOM and Chart.js over the admin API. Every call carries the key the
// operator typed once (kept in sessionStorage for this tab) as X-Api-Key; the page itself needs no key.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

const KEY = 'billforu.apiKey';
const REFRESH_MS = 3000;
const POLL_MS = 500;
const FINISHED = new Set(['Completed', 'Failed', 'Cancelled']);
const CHANNELS = ['Email', 'Sms', 'Push'];

const $ = (id) => document.getElementById(id);
const fmt = (n) => (n === null || n === undefined ? '–' : Number(n).toLocaleString('en-US'));

function el(tag, { dataset = {}, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children.map((c) => (c instanceof Node ? c : String(c ?? ''))));
  return node;
}

// ---- API -------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body } = {}) {
  const headers = { 'X-Api-Key': sessionStorage.getItem(KEY) ?? '' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401) throw new ApiError(401, { title: 'The API key was refused.' });
    if (response.status === 403) throw new ApiError(403, { title: 'This key may only read (an operator key is needed).' });
    throw new ApiError(response.status, data);
  }
  return data;
}

function showError(error) {
  const box = $('error');
  box.hidden = !error;
  box.textContent = error ? error.message : '';
}

// Calls the API and reports a failure in the error box instead of throwing.
async function attempt(action) {
  try {
    const result = await action();
    showError(null);
    return result;
  } catch (error) {
    showError(error);
    return undefined;
  }
}

// ---- Settlement ------------------------------------------------------------------------------------

let pollTimer = null;

function drawRun(run) {
  const percent = Math.round((run?.progress ?? 0) * 100);
  $('progress-bar').style.width = `${percent}%`;
  $('progress-text').textContent = run ? `${percent}%` : '–';
  $('run-status').textContent = run ? `${run.status} (run ${run.runId})` : 'never settled';
  $('run-bills').textContent = run ? `${fmt(run.billsWritten)} · users ${fmt(run.usersDone)} / ${fmt(run.usersTotal)}` : '–';
  $('run-rate').textContent = run ? `${fmt(run.billsPerSecond)} bills/s` : '–';
  $('run-eta').textContent = run?.etaSeconds == null ? '–' : `${Math.ceil(run.etaSeconds)} s`;
}

async function pollRun(month) {
  clearTimeout(pollTimer);
  try {
    const run = await api(`/api/settlement/${month}`);
    drawRun(run);
    if (!FINISHED.has(run.status)) {
      pollTimer = setTimeout(() => pollRun(month), POLL_MS);
    } else {
      refresh();
      attempt(drawSchedules);
    }
  } catch (error) {
    if (error.status === 404) drawRun(null);
    else showError(error);
  }
}

async function startSettlement(event) {
  event.preventDefault();
  const month = $('month').value;
  const query = $('force').checked ? '?force=true' : '';
  try {
    const run = await api(`/api/settlement/${month}${query}`, { method: 'POST' });
    showError(null);
    drawRun(run);
  } catch (error) {
    // 409: a run is active or the month is settled; the problem carries that run, so follow it anyway.
    showError(error);
    if (error.problem?.run) drawRun(error.problem.run);
  }
  pollRun(month);
}

// ---- Funnel ----------------------------------------------------------------------------------------

async function drawFunnel() {
  const [stats, summary, stores] = await Promise.all([
    api('/api/data/stats'),
    api('/api/retry/status-summary'),
    api('/api/redis/stats'),
  ]);
  const totals = summary.totals ?? {};
  const counts = {
    bills: stats.latestRun?.billsWritten,
    sent: totals.Sent ?? 0,
    deferred: totals.Deferred ?? 0,
    scheduled: totals.Scheduled ?? 0,
    retried: totals.RetryWait ?? 0,
    // Fallbacks are counted by the notification grains of this process (null when the API is a cluster client).
    fallback: stores.notices?.fallbacks,
    dead: totals.DeadLettered ?? 0,
  };
  for (const [stage, value] of Object.entries(counts)) {
    document.querySelector(`[data-count="${stage}"]`).textContent = fmt(value);
  }
}

// ---- Reconciliation --------------------------------------------------------------------------------

const when = (iso) => (iso ? new Date(iso.endsWith('Z') ? iso : `${iso}Z`).toLocaleString() : '');

const OUTCOMES = ['Sent', 'Waiting', 'Retrying', 'DeadLettered', 'Cancelled', 'InFlight', 'Missing'];

function drawReconciliation(report) {
  const outcome = (name) => document.querySelector(`[data-outcome="${name}"]`);
  outcome('bills').textContent = fmt(report.bills);
  for (const name of OUTCOMES) {
    const status = report.statuses.find((s) => s.status === name);
    const due = status?.earliestDue
      ? ` · due ${when(status.earliestDue)}${status.latestDue && status.latestDue !== status.earliestDue ? ` to ${when(status.latestDue)}` : ''}`
      : '';
    outcome(name).textContent = `${fmt(status?.bills ?? 0)}${due}`;
  }
  const missing = report.statuses.find((s) => s.status === 'Missing')?.bills ?? 0;
  outcome('Missing').classList.toggle('alarm', missing > 0);
  outcome('repeats').textContent = fmt(report.noticesSentMoreThanOnce);
  $('repair').disabled = missing === 0;
  if (missing > 0) $('reconciliation-message').textContent = `First missing: ${report.firstMissingBillIds.join(', ')}`;
}

async function loadReconciliation() {
  drawReconciliation(await api(`/api/reconciliation/${$('month').value}`));
}

async function repair() {
  try {
    const result = await api(`/api/reconciliation/${$('month').value}/repair`, { method: 'POST' });
    drawReconciliation(result.now);
    $('reconciliation-message').textContent = `Handed over ${fmt(result.handedOver)} bills.`;
  } catch (error) {
    $('reconciliation-message').textContent = `Repair refused: ${error.message}`;
  }
}

// ---- Hourly chart ----------------------------------------------------------------------------------

let hourlyChart = null;
const SERIES = [
  ['sent', 'Sent', '#27ae60'],
  ['failed', 'Failed', '#d64545'],
  ['retried', 'Retried', '#f2994a'],
  ['deferred', 'Deferred', '#9b51e0'],
];

async function drawHourly() {
  const points = await api('/api/charts/hourly');
  const labels = points.map((p) => `${new Date(p.hour).getUTCHours().toString().padStart(2, '0')}:00`);
  if (!hourlyChart) {
    hourlyChart = new Chart($('hourly'), {
      type: 'line',
      data: {
        labels,
        datasets: SERIES.map(([, label, color]) => ({ label, data: [], borderColor: color, backgroundColor: color, tension: 0.2 })),
      },
      options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  hourlyChart.data.labels = labels;
  SERIES.forEach(([field], i) => { hourlyChart.data.datasets[i].data = points.map((p) => p[field]); });
  hourlyChart.update();
}

// ---- Failed list and dead letters ------------------------------------------------------------------

function actionButton(label, onClick) {
  const button = el('button', { type: 'button', textContent: label });
  button.addEventListener('click', onClick);
  return button;
}

async function noticeAction(billId, path, verb, messageId, { method = 'POST', body } = {}) {
  try {
    await api(path, { method, body });
    showError(null);
    $(messageId).textContent = `${verb} of bill ${billId} accepted.`;
  } catch (error) {
    $(messageId).textContent = `${verb} of bill ${billId} refused: ${error.message}`;
  }
  refresh();
  attempt(drawSchedules);
}

async function drawFailed() {
  const page = await api('/api/retry/failed-list?limit=50');
  $('failed-rows').replaceChildren(...page.items.map((d) => el('tr', { dataset: { bill: d.billId } },
    el('td', {}, d.billId), el('td', {}, d.userId), el('td', {}, d.channel), el('td', {}, d.status), el('td', {}, d.attempts),
    el('td', {}, actionButton('Retry', () => noticeAction(d.billId, `/api/retry/process/${d.billId}`, 'Retry', 'failed-message'))))));
}

async function drawDlq() {
  const page = await api('/api/dlq?limit=50');
  $('dlq-rows').replaceChildren(...page.items.map((d) => el('tr', { dataset: { bill: d.billId } },
    el('td', {}, d.billId), el('td', {}, d.userId), el('td', {}, d.channel), el('td', {}, d.lastError ?? ''),
    el('td', {}, actionButton('Replay', () => noticeAction(d.billId, `/api/dlq/${d.billId}/replay`, 'Replay', 'dlq-message'))))));
}

async function drawSchedules() {
  const page = await api('/api/schedules?limit=50');
  $('schedule-rows').replaceChildren(...page.items.map((d) => {
    // datetime-local works in the browser's zone; the API takes an instant.
    const at = el('input', { type: 'datetime-local', value: localInput(d.nextAttemptAt) });
    const reschedule = actionButton('Reschedule', () => noticeAction(d.billId, `/api/schedules/${d.billId}`, 'Reschedule',
      'schedule-message', { method: 'PUT', body: { atUtc: new Date(at.value).toISOString() } }));
    const cancel = actionButton('Cancel', () => noticeAction(d.billId, `/api/schedules/${d.billId}`, 'Cancel', 'schedule-message', { method: 'DELETE' }));
    return el('tr', { dataset: { bill: d.billId } },
      el('td', {}, d.billId), el('td', {}, d.userId), el('td', {}, d.channel), el('td', {}, at), el('td', {}, reschedule, ' ', cancel));
  }));
}

function localInput(iso) {
  if (!iso) return '';
  const date = new Date(iso.endsWith('Z') ? iso : `${iso}Z`);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

async function replayAll() {
  let after = null;
  let replayed = 0;
  let skipped = 0;
  try {
    // One bounded batch per call; follow next until the last batch.
    do {
      const batch = await api(`/api/dlq/replay-all?limit=500${after === null ? '' : `&after=${after}`}`, { method: 'POST' });
      replayed += batch.replayed;
      skipped += batch.skipped;
      after = batch.next;
    } while (after !== null);
    $('dlq-message').textContent = `Replayed ${replayed}, skipped ${skipped}.`;
  } catch (error) {
    $('dlq-message').textContent = `Replay refused: ${error.message}`;
  }
  refresh();
}

// ---- Quiet-hour policies ---------------------------------------------------------------------------

const hhmm = (time) => (time ?? '').slice(0, 5);
const hhmmss = (value) => (value.length === 5 ? `${value}:00` : value);

async function drawPolicies() {
  const policies = await api('/api/policies');
  $('policies').replaceChildren(...CHANNELS.map((channel) => {
    const policy = policies[channel] ?? policies[channel.toLowerCase()] ?? { quietEnabled: false, quietStart: '22:00:00', quietEnd: '08:00:00' };
    const enabled = el('input', { type: 'checkbox', checked: policy.quietEnabled });
    const start = el('input', { type: 'time', value: hhmm(policy.quietStart) });
    const end = el('input', { type: 'time', value: hhmm(policy.quietEnd) });
    const save = actionButton('Save', async () => {
      const body = { quietEnabled: enabled.checked, quietStart: hhmmss(start.value), quietEnd: hhmmss(end.value) };
      try {
        await api(`/api/policies/${channel.toLowerCase()}`, { method: 'PUT', body });
        $('policies-message').textContent = `${channel} quiet hours saved.`;
      } catch (error) {
        $('policies-message').textContent = `${channel}: ${error.message}`;
      }
    });
    return el('div', { className: 'policy', dataset: { channel: channel.toLowerCase() } },
      el('b', {}, channel), el('label', {}, enabled, ' quiet'), start, '–', end, save);
  }));
}

// ---- Bill lookup -----------------------------------------------------------------------------------

async function lookupBill(event) {
  event.preventDefault();
  const out = $('bill-output');
  try {
    const detail = await api(`/api/bills/${$('bill-id').value}`);
    const { bill, contacts, deliveries } = detail;
    out.replaceChildren(
      el('dl', { className: 'facts' },
        el('dt', {}, 'User'), el('dd', {}, bill.userId),
        el('dt', {}, 'Month'), el('dd', {}, bill.month),
        el('dt', {}, 'Total'), el('dd', {}, fmt(bill.totalAmount)),
        el('dt', {}, 'Due'), el('dd', {}, bill.dueDate),
        el('dt', {}, 'Email'), el('dd', { className: 'email' }, contacts?.email ?? '–'),
        el('dt', {}, 'Phone'), el('dd', { className: 'phone' }, contacts?.phone ?? '–'),
        el('dt', {}, 'Deliveries'), el('dd', {}, deliveries.map((d) => `${d.channel}: ${d.status} (${d.attempts})`).join(', ') || 'none')),
      el('table', {},
        el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'Line'), el('th', {}, 'Item'), el('th', {}, 'Qty'), el('th', {}, 'Amount'))),
        el('tbody', {}, ...detail.lines.map((l) => el('tr', {},
          el('td', {}, l.lineNo), el('td', {}, l.type), el('td', {}, l.itemId), el('td', {}, l.quantity), el('td', {}, fmt(l.amount)))))));
  } catch (error) {
    out.replaceChildren(el('p', {}, error.message));
  }
}

// ---- Wiring ----------------------------------------------------------------------------------------

let refreshTimer = null;

async function refresh() {
  clearTimeout(refreshTimer);
  if (!sessionStorage.getItem(KEY)) return;
  await attempt(() => Promise.all([drawFunnel(), drawHourly(), drawFailed(), drawDlq(), loadReconciliation()]));
  refreshTimer = setTimeout(refresh, REFRESH_MS);
}

function useKey(event) {
  event.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) return;
  sessionStorage.setItem(KEY, key);
  $('api-key').value = '';
  start();
}

function start() {
  const hasKey = Boolean(sessionStorage.getItem(KEY));
  $('key-status').textContent = hasKey ? 'key set' : 'enter a key to load the data';
  if (!hasKey) return;
  refresh();
  attempt(drawPolicies);
  attempt(drawSchedules);
  pollRun($('month').value);
}

$('month').value = new Date().toISOString().slice(0, 7);
$('key-form').addEventListener('submit', useKey);
$('forget-key').addEventListener('click', () => { sessionStorage.removeItem(KEY); clearTimeout(refreshTimer); start(); });
$('settlement-form').addEventListener('submit', startSettlement);
$('bill-form').addEventListener('submit', lookupBill);
$('replay-all').addEventListener('click', replayAll);
$('repair').addEventListener('click', repair);
$('month').addEventListener('change', () => attempt(loadReconciliation));
$('reload-schedules').addEventListener('click', () => attempt(drawSchedules));
start();
