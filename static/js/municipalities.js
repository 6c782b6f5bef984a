// Progressive enhancement of /kommuner/: filter the list (and highlight the map) while
// typing. Without JavaScript the search form filters on the server (?q=).
(function () {
  "use strict";
  var input = document.querySelector("[data-municipality-filter]");
  if (!input) { return; }
  var items = document.querySelectorAll(".municipality-list li");
  var links = document.querySelectorAll(".municipality-map__link");
  var svg = document.querySelector(".municipality-map__svg");
  function fold(text) {
    return text.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");
  }
  input.addEventListener("input", function () {
    var query = fold(input.value.trim());
    items.forEach(function (item) {
      item.hidden = query !== "" && fold(item.getAttribute("data-name")).indexOf(query) === -1;
    });
    links.forEach(function (link) {
      var match = query !== "" && fold(link.getAttribute("data-name")).indexOf(query) !== -1;
      link.classList.toggle("is-match", match);
    });
    if (svg) { svg.classList.toggle("municipality-map__svg--searching", query !== ""); }
  });
})();
