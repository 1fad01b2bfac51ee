// Attendance summaries: draws a bar per month of the attendance rate from the month table that is
// already on the page (the table stays as the accessible version; this is an enhancement only).
for (const figure of document.querySelectorAll('figure[data-chart-for]')) {
  const table = document.getElementById(figure.dataset.chartFor);
  if (!table || typeof window.Chart !== 'function') continue;
  const rows = [...table.querySelectorAll('tbody tr')];
  const labels = rows.map((r) => r.querySelector('th')?.textContent?.trim() ?? '');
  const data = rows.map((r) => (r.dataset.rate === '' ? null : Number(r.dataset.rate)));
  const canvas = document.createElement('canvas');
  figure.appendChild(canvas);
  figure.hidden = false;
  new window.Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: table.dataset.chartLabel ?? '', data, backgroundColor: '#2f6f4f' }] },
    options: {
      responsive: true,
      aspectRatio: 2,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: { legend: { display: false } },
    },
  });
}
