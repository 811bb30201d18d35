// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // The language form is not submitted on "change": a keyboard user moving through the list
  // with the arrow keys would be sent to another page at the first key (WCAG 3.2.2). The
  // form's own button submits it.
  // Move focus to the error summary so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    // A form posted to a URL with a #fragment (the comment form) comes back with it, and the
    // browser then scrolls to that fragment and moves focus away: once loaded, focus it again.
    if (window.location.hash) {
      window.addEventListener("load", function () {
        window.setTimeout(function () { summary.focus(); }, 0);
      });
    }
  }

  // Character counters (templates/_macros/forms.html): the hint that states a text box's limit
  // becomes a live count in the page's language. The count follows the server's: line breaks
  // once, letters not UTF-16 units, surrounding spaces ignored. Screen readers hear it when the
  // typing pauses, not at every key.
  function grouped(number, separator) {
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-count-for]"), function (count) {
    var box = document.getElementById(count.getAttribute("data-count-for"));
    var status = document.getElementById(count.id + "-status");
    var limit = parseInt(count.getAttribute("data-limit"), 10);
    var pause;
    if (!box || !limit) { return; }
    function show() {
      var left = limit - Array.from(box.value.trim()).length;
      var template = count.getAttribute(left < 0 ? "data-over" : "data-left");
      count.textContent = template.replace("{count}", grouped(Math.abs(left), count.getAttribute("data-group")));
      count.classList.toggle("engage-count--over", left < 0);
    }
    box.addEventListener("input", function () {
      show();
      window.clearTimeout(pause);
      pause = window.setTimeout(function () { if (status) { status.textContent = count.textContent; } }, 1000);
    });
    show();
  });
})();
