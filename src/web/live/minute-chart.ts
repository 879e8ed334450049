import type { MinuteBucket } from './minute-buckets';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 120;
const AXIS = 18;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Flagged events per minute as inline SVG bars: no chart library, nothing fetched. */
export function renderMinuteChart(target: SVGSVGElement, buckets: readonly MinuteBucket[]): void {
  target.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  target.replaceChildren();
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const slot = WIDTH / Math.max(1, buckets.length);
  const plot = HEIGHT - AXIS;
  buckets.forEach((bucket, i) => {
    const height = (bucket.count / max) * (plot - 12);
    const bar = svg('rect', {
      x: i * slot + 1,
      y: plot - height,
      width: Math.max(1, slot - 2),
      height,
      class: 'bar',
    });
    const title = svg('title', {});
    title.textContent = `${clock(bucket.start)}: ${bucket.count} flagged`;
    bar.append(title);
    target.append(bar);
    if (bucket.count > 0) {
      const label = svg('text', { x: i * slot + slot / 2, y: plot - height - 2, class: 'count' });
      label.textContent = String(bucket.count);
      target.append(label);
    }
  });
  const every = Math.max(1, Math.ceil(buckets.length / 6));
  buckets.forEach((bucket, i) => {
    if (i % every !== 0 && i !== buckets.length - 1) return;
    const tick = svg('text', { x: i * slot + slot / 2, y: HEIGHT - 4, class: 'tick' });
    tick.textContent = clock(bucket.start);
    target.append(tick);
  });
  target.append(svg('line', { x1: 0, y1: plot, x2: WIDTH, y2: plot, class: 'axis' }));
}
