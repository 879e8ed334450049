import './live.css';
import { createClient, type Client } from 'graphql-ws';
import { LiveFlaggedDocument } from '../generated/graphql';
import { prependRow, type FlaggedRow } from './feed-table';
import { minuteBuckets, pruneTimes } from './minute-buckets';
import { renderMinuteChart } from './minute-chart';
import { subscribeTyped } from './typed-subscribe';

/**
 * The /live fraud page: one graphql-ws subscription to `transactionFlagged`, a feed table, a counter
 * and a per-minute chart. The key lives only in this tab's memory. The operation is
 * test/operations/live-flagged.subscription.graphql, sent as codegen's typed string.
 */

const CHART_MINUTES = 30;

function byId<T extends HTMLElement | SVGElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element as T;
}

const form = byId<HTMLFormElement>('connect');
const keyInput = byId<HTMLInputElement>('api-key');
const minInput = byId<HTMLInputElement>('min-risk');
const button = byId<HTMLButtonElement>('connect-button');
const status = byId<HTMLSpanElement>('status');
const counter = byId<HTMLSpanElement>('counter');
const feed = byId<HTMLTableSectionElement>('feed');
const chart = byId<SVGSVGElement>('chart');

let client: Client | null = null;
let count = 0;
let times: number[] = [];

function setStatus(text: string, state: 'idle' | 'ok' | 'error'): void {
  status.textContent = text;
  status.dataset['state'] = state;
}

function redrawChart(): void {
  const now = Date.now();
  times = pruneTimes(times, now, CHART_MINUTES);
  renderMinuteChart(chart, minuteBuckets(times, now, CHART_MINUTES));
}

function onFlagged(row: FlaggedRow): void {
  count += 1;
  counter.textContent = String(count);
  times.push(Date.now());
  prependRow(feed, row);
  redrawChart();
}

function describeClose(event: unknown): string {
  const { code, reason } = event as { code?: number; reason?: string };
  if (code === 4401) return 'rejected: missing or unknown API key (4401)';
  if (code === 4403) return 'rejected: this key may not subscribe — use a fraud or admin key (4403)';
  return `disconnected${code ? ` (${code}${reason ? `: ${reason}` : ''})` : ''}`;
}

async function disconnect(): Promise<void> {
  const current = client;
  client = null;
  button.textContent = 'Connect';
  await current?.dispose();
}

function connect(key: string, minRiskScore: number | null): void {
  const wsScheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const next = createClient({
    url: `${wsScheme}//${location.host}/graphql`,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 5,
    on: {
      connecting: () => setStatus('connecting…', 'idle'),
      connected: () => setStatus('connected: waiting for flagged transactions', 'ok'),
      closed: (event) => {
        if (client === next) setStatus(describeClose(event), 'error');
      },
    },
  });
  client = next;
  button.textContent = 'Disconnect';
  subscribeTyped(
    next,
    LiveFlaggedDocument,
    { minRiskScore },
    {
      next: (result) => {
        if (result.data) onFlagged(result.data.transactionFlagged);
        if (result.errors) setStatus(result.errors.map((e) => e.message).join('; '), 'error');
      },
      error: (error) => {
        if (client !== next) return;
        setStatus(error instanceof Error ? error.message : describeClose(error), 'error');
        void disconnect();
      },
      complete: () => undefined,
    },
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (client !== null) {
    void disconnect().then(() => setStatus('disconnected', 'idle'));
    return;
  }
  const key = keyInput.value.trim().replace(/^Bearer\s+/i, '');
  if (key === '') {
    setStatus('enter an API key first', 'error');
    return;
  }
  const min = minInput.value.trim();
  connect(key, min === '' ? null : Number(min));
});

redrawChart();
// The chart's newest bar must move on even when nothing is flagged.
setInterval(redrawChart, 10_000);
