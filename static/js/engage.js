// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Submit the language form as soon as a language is picked.
  var switcher = document.getElementById("language-switcher");
  if (switcher) {
    switcher.addEventListener("change", function () { switcher.form.submit(); });
  }
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
