// Roll-ups: draws each chart from the table it names (docs/decisions/0007): the labels are the
// rows' heads, each series one column (`data-cols`), each value a cell's `data-value`. The table
// stays the accessible version with every number; the chart is an enhancement only.
(() => {
  if (typeof window.Chart !== 'function') return;
  const COLORS = ['#2f6f4f', '#c9a227', '#8fb8a0'];
  const cellValue = (row, col) => {
    const v = row.querySelector(`td[data-col="${col}"]`)?.dataset.value;
    return v === undefined || v === '' ? null : Number(v);
  };
  for (const figure of document.querySelectorAll('figure[data-rollup-chart]')) {
    const table = document.getElementById(figure.dataset.rollupChart);
    if (!table) continue;
    const cols = (figure.dataset.cols || '').split(',').filter(Boolean);
    const rows = [...table.querySelectorAll('tbody tr')];
    if (rows.length === 0 || cols.length === 0) continue;
    const kind = figure.dataset.kind;
    const percent = figure.dataset.percent === 'true';
    const datasets = cols.map((col, i) => ({
      label: table.querySelector(`thead th[data-col="${col}"]`)?.textContent?.trim() ?? col,
      data: rows.map((r) => cellValue(r, col)),
      backgroundColor: COLORS[i % COLORS.length],
      borderColor: COLORS[i % COLORS.length],
      spanGaps: true,
    }));
    const holder = document.createElement('div');
    const canvas = document.createElement('canvas');
    holder.appendChild(canvas);
    figure.appendChild(holder);
    figure.hidden = false;
    // A ranking lists every row as a bar of its own: its height grows with the rows.
    if (kind === 'hbar') {
      holder.style.position = 'relative';
      holder.style.height = `${rows.length * 24 + 48}px`;
    }
    const value = percent ? { min: 0, max: 100 } : { min: 0, ticks: { precision: 0 } };
    new window.Chart(canvas, {
      type: kind === 'line' ? 'line' : 'bar',
      data: { labels: rows.map((r) => r.querySelector('th')?.textContent?.trim() ?? ''), datasets },
      options: {
        indexAxis: kind === 'hbar' ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: kind !== 'hbar',
        aspectRatio: 1.6,
        animation: false,
        // Numbers on the axes as the page's language writes them: 1.250.000 in Indonesian.
        locale: document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID',
        plugins: { legend: { display: cols.length > 1 } },
        scales: kind === 'hbar' ? { x: value } : { y: value },
      },
    });
  }
})();
