// Runs in <head>: tells the CSS that JavaScript is on (no inline scripts under our CSP).
document.documentElement.classList.remove("no-js");
