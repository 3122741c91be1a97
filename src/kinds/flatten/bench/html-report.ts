import { speedups, type QueryBenchReport } from './bench-queries.js';

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const COLORS: Record<string, string> = { flat: '#2f7ed8', 'named view': '#8bbc21', 'compatibility view': '#f28f43' };

/** Bar chart of speedups (source median / other median), log scale, as standalone SVG. Pure. */
export function renderSpeedupSvg(report: QueryBenchReport): string {
  const bars = report.questions.flatMap((q) => speedups(q).map((s) => ({ q, ...s })));
  const max = Math.max(2, ...bars.map((b) => b.speedup));
  const width = 640;
  const scale = (x: number) => ((Math.log10(Math.max(x, 0.1)) + 1) / (Math.log10(max) + 1)) * width;
  const rowHeight = 22;
  const svgRows = bars.map((b, i) => {
    const y = i * rowHeight;
    return (
      `<text x="0" y="${y + 15}" font-size="12">${escape(b.q.id)} ${escape(b.dialect)}</text>` +
      `<rect x="170" y="${y + 3}" width="${scale(b.speedup).toFixed(1)}" height="16" fill="${COLORS[b.dialect] ?? '#999'}"/>` +
      `<text x="${(175 + scale(b.speedup)).toFixed(1)}" y="${y + 15}" font-size="12">${b.speedup.toFixed(1)}×</text>`
    );
  });
  const oneX = 170 + scale(1);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 240}" height="${bars.length * rowHeight + 10}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/><line x1="${oneX}" y1="0" x2="${oneX}" y2="${bars.length * rowHeight}" stroke="#c00" stroke-dasharray="4"/>${svgRows.join('')}</svg>`
  );
}

/** A self-contained HTML page: the speedup chart and the full table. Pure. */
export function renderHtmlReport(report: QueryBenchReport): string {
  const svg = renderSpeedupSvg(report);
  const rows = report.questions.flatMap((q) =>
    q.results.map(
      (r) =>
        `<tr class="${q.status}"><td>${escape(q.id)}</td><td>${escape(q.title)}</td><td>${escape(r.dialect)}</td>` +
        `<td>${r.medianMs === null ? 'not timed: answers differ' : r.medianMs.toFixed(1)}</td><td>${r.readRows}</td><td>${r.readBytes ?? 'n/a'}</td><td>${r.resultRows}</td></tr>`,
    ),
  );
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>chplan ${escape(report.kind)} ${escape(report.day)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:nth-child(-n+3){text-align:left}tr.mismatch{background:#fdd}</style></head>
<body><h1>chplan ${escape(report.kind)}</h1>
<p>Day ${escape(report.day)} · median of ${report.runs} warm runs per query, interleaved · ${escape(report.engine)}. Each bar is the Map source's median latency divided by the other table's (log scale; the dashed line is 1×). Queries whose answers differ from the source's are not timed.</p>
${svg}
<table><tr><th>query</th><th>question</th><th>table</th><th>median ms</th><th>rows read (est.)</th><th>bytes read</th><th>result rows</th></tr>
${rows.join('\n')}
</table></body></html>
`;
}
