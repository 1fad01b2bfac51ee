// Progressive enhancement only: every page works without this file.
// On wide screens the navigation menu stays open, so it reads as a normal menu bar.
document.documentElement.classList.add('js');
const menu = document.querySelector('details.menu');
if (menu) {
  const wide = window.matchMedia('(min-width: 900px)');
  const sync = () => {
    if (wide.matches) menu.open = true;
  };
  sync();
  wide.addEventListener('change', sync);
}
