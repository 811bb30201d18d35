// The moderation queue's keyboard shortcuts (documented on the page). Progressive enhancement:
// without this file every action works through the forms.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-queue-item]"));
  if (!rows.length) { return; }
  var current = -1;
  var ACTIONS = { a: "approve", h: "hide", s: "spam" };

  rows.forEach(function (row, index) {
    row.setAttribute("tabindex", "-1");
    row.addEventListener("focusin", function () { mark(index); });
  });

  function mark(index) {
    if (rows[current]) { rows[current].classList.remove("is-current"); }
    current = index;
    rows[current].classList.add("is-current");
  }

  function focusRow(index) {
    var target = Math.max(0, Math.min(rows.length - 1, index));
    mark(target);
    rows[target].focus();
    rows[target].scrollIntoView({ block: "nearest" });
  }

  function isTyping(element) {
    if (!element) { return false; }
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable) { return true; }
    return tag === "INPUT" && ["checkbox", "radio", "submit", "button"].indexOf(element.type) < 0;
  }

  function currentRow() {
    var active = document.activeElement;
    var row = active && active.closest ? active.closest("[data-queue-item]") : null;
    if (row) { return row; }
    return rows[current] || null;
  }

  function choose(row, value) {
    var action = row.querySelector("[data-action-select]");
    var reason = row.querySelector("[data-reason-select]");
    if (!action || !reason) { return; }
    var found = Array.prototype.some.call(action.options, function (option) {
      return option.value === value;
    });
    if (!found) { return; }
    action.value = value;
    reason.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var active = document.activeElement;
    if (event.key === "Escape" && isTyping(active)) {
      var owner = active.closest ? active.closest("[data-queue-item]") : null;
      if (owner) { event.preventDefault(); owner.focus(); }
      return;
    }
    if (isTyping(active)) { return; }
    var row = currentRow();
    var index = row ? rows.indexOf(row) : -1;
    if (event.key === "j") {
      event.preventDefault();
      focusRow(index + 1);
    } else if (event.key === "k") {
      event.preventDefault();
      focusRow(index < 0 ? 0 : index - 1);
    } else if (row && ACTIONS[event.key]) {
      event.preventDefault();
      choose(row, ACTIONS[event.key]);
    } else if (row && event.key === "x") {
      var box = row.querySelector("input[type=checkbox]");
      if (box && !box.disabled) { event.preventDefault(); box.checked = !box.checked; }
    } else if (row && event.key === "o") {
      var link = row.querySelector("[data-item-link]");
      if (link) { event.preventDefault(); link.click(); }
    }
  });
})();
