/* Reordering the rows of an admin inline (fieldset.almen-ordering): drag a row by its
   handle, or use the "Flyt op" / "Flyt ned" buttons (keyboard and screen readers). Either
   way the rows' numeric "order" fields are renumbered in the new order, and saving the
   page saves it; the order fields stay visible and editable as the fallback.
   Loaded as a file from the portal (the Content-Security-Policy allows no inline script). */
(function () {
  "use strict";

  var TEXTS = {
    da: {
      up: "Flyt op",
      down: "Flyt ned",
      drag: "Træk for at flytte",
      moved: "Flyttet til plads {position} af {total}. Gem for at beholde rækkefølgen.",
      row: "række {position}",
    },
    en: {
      up: "Move up",
      down: "Move down",
      drag: "Drag to move",
      moved: "Moved to position {position} of {total}. Save to keep the order.",
      row: "row {position}",
    },
  };
  var lang = (document.documentElement.lang || "da").slice(0, 2);
  var t = TEXTS[lang] || TEXTS.da;

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }

  function orderInput(row) {
    return row.querySelector('input[name$="-order"]');
  }

  function rowsOf(group) {
    // Tabular inlines: one table row per object; stacked: one div.inline-related each.
    var rows = group.querySelectorAll("tbody > tr.form-row");
    if (rows.length === 0) rows = group.querySelectorAll("div.inline-related:not(.tabular)");
    return Array.prototype.filter.call(rows, function (row) {
      return !row.classList.contains("empty-form") && orderInput(row) !== null;
    });
  }

  function rowLabel(row, position) {
    // The saved object's name as admin shows it (stacked: the heading; tabular: the line
    // above the row), else the first text the editor typed (not a key or slug).
    var shown = row.querySelector("h3 .inline_label, td.original p");
    var value = shown && shown.firstChild ? shown.firstChild.textContent.trim() : "";
    if (!value || /^#\d+$/.test(value)) {
      var field = row.querySelector(
        "textarea, input[type=text]:not([name$='-order']):not([name$='-key']):not([name$='-slug'])"
      );
      value = field ? field.value.trim() : "";
    }
    if (!value) return fill(t.row, { position: position });
    return value.length > 60 ? value.slice(0, value.lastIndexOf(" ", 59)) + "…" : value;
  }

  function renumber(group) {
    var rows = rowsOf(group);
    var values = rows
      .map(function (row) {
        return parseInt(orderInput(row).value, 10);
      })
      .filter(function (value) {
        return !isNaN(value);
      })
      .sort(function (a, b) {
        return a - b;
      });
    var distinct = values.length === rows.length && new Set(values).size === values.length;
    rows.forEach(function (row, index) {
      var input = orderInput(row);
      var value = String(distinct ? values[index] : index + 1);
      if (input.value !== value) {
        input.value = value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    label(group);
  }

  function label(group) {
    var rows = rowsOf(group);
    rows.forEach(function (row, index) {
      var name = rowLabel(row, index + 1);
      var up = row.querySelector(".almen-move-up");
      var down = row.querySelector(".almen-move-down");
      if (!up) return;
      up.setAttribute("aria-label", t.up + ": " + name);
      down.setAttribute("aria-label", t.down + ": " + name);
      up.disabled = index === 0;
      down.disabled = index === rows.length - 1;
    });
  }

  function announce(group, row) {
    var rows = rowsOf(group);
    var status = group.querySelector(".almen-ordering-status");
    status.textContent = fill(t.moved, {
      position: rows.indexOf(row) + 1,
      total: rows.length,
    });
  }

  function move(group, row, step) {
    var rows = rowsOf(group);
    var index = rows.indexOf(row);
    var other = rows[index + step];
    if (!other) return;
    if (step < 0) other.parentNode.insertBefore(row, other);
    else other.parentNode.insertBefore(row, other.nextSibling);
    renumber(group);
    announce(group, row);
  }

  function button(className, text, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "almen-move " + className;
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  function enhance(group) {
    var dragged = null;
    rowsOf(group).forEach(function (row) {
      if (row.querySelector(".almen-ordering-controls")) return;
      var controls = document.createElement("span");
      controls.className = "almen-ordering-controls";
      var handle = document.createElement("span");
      handle.className = "almen-drag-handle";
      handle.title = t.drag;
      handle.setAttribute("aria-hidden", "true");
      handle.textContent = "⠿";
      handle.draggable = true;
      controls.appendChild(handle);
      controls.appendChild(
        button("almen-move-up", "↑", function (event) {
          move(group, row, -1);
          event.currentTarget.focus();
        })
      );
      controls.appendChild(
        button("almen-move-down", "↓", function (event) {
          move(group, row, 1);
          event.currentTarget.focus();
        })
      );
      orderInput(row).insertAdjacentElement("afterend", controls);

      handle.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("almen-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
        event.dataTransfer.setDragImage(row, 10, 10);
      });
      handle.addEventListener("dragend", function () {
        // The row moved while it was dragged; dropping outside the list keeps it there too.
        row.classList.remove("almen-dragging");
        dragged = null;
        renumber(group);
        announce(group, row);
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged.parentNode !== row.parentNode) return;
        event.preventDefault();
        if (dragged === row) return;
        var box = row.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener("drop", function (event) {
        if (dragged) event.preventDefault();
      });
    });
    label(group);
  }

  function start() {
    document.querySelectorAll("fieldset.almen-ordering").forEach(function (fieldset) {
      var group = fieldset.closest(".inline-group") || fieldset;
      if (!group.querySelector(".almen-ordering-status")) {
        var status = document.createElement("p");
        status.className = "almen-ordering-status";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        fieldset.appendChild(status);
      }
      enhance(group);
      // Rows added with "Add another" get their controls too.
      document.addEventListener("formset:added", function () {
        enhance(group);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
