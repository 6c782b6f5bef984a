// ReDoc on /api/redoc/: started from this file (the page allows no inline script), with
// status colours dark enough for WCAG contrast, and its "Authorizations" headings (h5 right
// under an operation's h2) announced at the level they belong to.
(function () {
  "use strict";
  var container = document.getElementById("redoc");
  if (!container || !window.Redoc) { return; }
  window.Redoc.init(container.dataset.specUrl, {
    theme: {
      colors: {
        success: { main: "#17661f" },
        error: { main: "#a8201a" },
        warning: { main: "#8a4b00" }
      },
      typography: { code: { color: "#8e1b1b" } }
    }
  }, container);
  new MutationObserver(function () {
    container.querySelectorAll("h5:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", "3");
    });
  }).observe(container, { childList: true, subtree: true });
})();
