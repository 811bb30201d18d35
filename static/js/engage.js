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
})();
