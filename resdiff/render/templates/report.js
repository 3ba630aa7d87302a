(function () {
  "use strict";
  // Views and filters are classes on one container (#report) that the stylesheet acts on,
  // so a click costs one style recalculation however many paragraphs there are.
  var report = document.getElementById("report");
  var changes = report.querySelectorAll("[data-kind]");
  var filters = document.querySelectorAll("input[data-filter]");
  var redline = document.getElementById("view-redline");

  function syncFilters() {
    for (var k = 0; k < filters.length; k++) {
      report.classList.toggle("hide-" + filters[k].value, !filters[k].checked);
    }
  }

  function syncView() {
    report.classList.toggle("view-redline", redline.checked);
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.hasAttribute("data-filter")) {
      syncFilters();
    } else if (target.name === "view") {
      syncView();
    }
  });

  function shown(element) {
    return element.getClientRects().length > 0;
  }

  // Where n/p start from: the focused change row; from a moved paragraph's stub at its
  // old place, the rows around that place; from nowhere, the start or the end.
  function startIndex(step) {
    var active = document.activeElement;
    var row = active && active.closest ? active.closest("[data-kind], .stub") : null;
    if (!row) {
      return step > 0 ? -1 : changes.length;
    }
    if (row.hasAttribute("data-kind")) {
      return parseInt(row.id.slice(1), 10);
    }
    for (var before = row.previousElementSibling; before; before = before.previousElementSibling) {
      if (before.hasAttribute("data-kind")) {
        return parseInt(before.id.slice(1), 10) + (step > 0 ? 0 : 1);
      }
    }
    return step > 0 ? -1 : 0;
  }

  function move(step) {
    for (var k = startIndex(step) + step; k >= 0 && k < changes.length; k += step) {
      if (shown(changes[k])) {
        changes[k].focus();
        return;
      }
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var target = event.target;
    var typing = target.isContentEditable || target.tagName === "TEXTAREA" ||
      target.tagName === "SELECT" ||
      (target.tagName === "INPUT" && target.type !== "checkbox" && target.type !== "radio");
    if (typing) {
      return;
    }
    if (event.key === "n") {
      move(1);
    } else if (event.key === "p") {
      move(-1);
    } else {
      return;
    }
    event.preventDefault();
  });

  // Following a link to the counterpart of a moved paragraph also moves the focus there,
  // so n/p continue from the place the reader jumped to.
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.hasAttribute("tabindex")) {
      target.focus();
    }
  });

  syncFilters();
  syncView();
})();
