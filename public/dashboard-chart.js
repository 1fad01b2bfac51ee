// Dashboard: draws the unit's small charts (sessions held and cancelled, attendance rate over the
// last six months) from the JSON the page carries. The table beside them stays the accessible
// version with every number; this is an enhancement only.
(() => {
  const source = document.getElementById('dashboard-chart-data');
  if (!source || typeof window.Chart !== 'function') return;
  const data = JSON.parse(source.textContent || '{}');
  for (const figure of document.querySelectorAll('figure[data-dashboard-chart]')) {
    const chart = data[figure.dataset.dashboardChart];
    if (!chart) continue;
    const canvas = document.createElement('canvas');
    figure.appendChild(canvas);
    figure.hidden = false;
    const percent = figure.dataset.dashboardChart === 'attendance';
    new window.Chart(canvas, {
      type: percent ? 'line' : 'bar',
      data: {
        labels: data.labels,
        datasets: chart.series.map((s) => ({
          label: s.label,
          data: s.data,
          backgroundColor: s.color,
          borderColor: s.color,
          spanGaps: true,
        })),
      },
      options: {
        responsive: true,
        aspectRatio: 1.6,
        animation: false,
        plugins: { legend: { display: chart.series.length > 1 } },
        scales: { y: percent ? { min: 0, max: 100 } : { min: 0, ticks: { precision: 0 } } },
      },
    });
  }
})();
