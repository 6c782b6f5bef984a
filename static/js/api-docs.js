// Swagger UI on /api/docs/: small accessibility repairs to the markup it renders, applied
// again whenever it re-renders (opening an operation): its headings follow the page's h1
// one level at a time, example choosers and response tables get names.
(function () {
  "use strict";
  function repair(root) {
    root.querySelectorAll("h3.opblock-tag:not([aria-level]), section.models h4:not([aria-level])")
      .forEach(function (heading) { heading.setAttribute("aria-level", "2"); });
    root.querySelectorAll("h4.opblock-title:not([aria-level]), h4.opblock-title_normal:not([aria-level])")
      .forEach(function (heading) { heading.setAttribute("aria-level", "3"); });
    root.querySelectorAll("select.examples-select-element:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", "Example");
    });
    root.querySelectorAll("table.responses-table[role=region]:not([aria-label])").forEach(function (table) {
      table.setAttribute("aria-label", "Responses: " + table.id.replace(/_responses$/, "").replace(/_/g, " "));
    });
  }
  var container = document.getElementById("swagger-ui");
  if (!container) { return; }
  new MutationObserver(function () { repair(container); })
    .observe(container, { childList: true, subtree: true });
})();
