// Production reports: draws, for each programme, bars of items finished and passed over the last
// twelve months from the JSON the page carries (the month tables stay as the accessible version;
// this is an enhancement only).
(() => {
  const source = document.getElementById('production-chart-data');
  if (!source || typeof window.Chart !== 'function') return;
  const data = JSON.parse(source.textContent || '{}');
  const byId = new Map((data.programmes || []).map((p) => [p.id, p]));
  for (const figure of document.querySelectorAll('figure[data-production-chart]')) {
    const p = byId.get(figure.dataset.productionChart);
    if (!p) continue;
    const canvas = document.createElement('canvas');
    figure.appendChild(canvas);
    figure.hidden = false;
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [
          { label: data.series.finished, data: p.finished, backgroundColor: '#8fb8a0' },
          { label: data.series.passed, data: p.passed, backgroundColor: '#2f6f4f' },
        ],
      },
      options: {
        responsive: true,
        aspectRatio: 2,
        animation: false,
        scales: { y: { min: 0, ticks: { precision: 0 } } },
      },
    });
  }
})();
