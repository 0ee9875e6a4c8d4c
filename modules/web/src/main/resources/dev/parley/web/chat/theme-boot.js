// Runs before the first paint (a classic script in <head>): the stored theme, else the system's, so
// the page never flashes the other palette. chat.css reads <html data-theme>.
(function () {
  var theme = null;
  try {
    theme = JSON.parse(localStorage.getItem('parley.chat.theme') || 'null');
  } catch (e) {
    theme = null;
  }
  if (theme !== 'light' && theme !== 'dark') {
    theme = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.setAttribute('data-theme', theme);
})();
