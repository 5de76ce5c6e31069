// "Exit this page", as the GOV.UK Design System describes it, for readers who may be
// watched by someone who harms them. The button is a plain link, and works without
// this script. With it: the page is covered at once, and replaced in the history
// (the Back button does not return to it); pressing Shift three times within five
// seconds does the same, and a hidden message says how many presses are left.
(function () {
  "use strict";
  var container = document.querySelector("[data-exit-this-page]");
  if (!container) {
    return;
  }
  var button = container.querySelector("a");
  var hint = container.querySelector("[hidden]");
  if (hint) {
    hint.hidden = false; // the shortcut works only with this script: say so only then
  }
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  container.appendChild(status);
  var presses = 0;
  var timer = null;

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("exit-this-page--leaving");
    document.title = "Exit this page";
    window.location.replace(button.href);
  }

  function reset() {
    presses = 0;
    status.textContent = "";
  }

  button.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      reset();
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, 5000);
    if (presses >= 3) {
      status.textContent = "Leaving this page";
      leave(null);
    } else {
      status.textContent =
        "Shift, press " + (3 - presses) + " more time" + (presses === 2 ? "" : "s") + " to exit.";
    }
  });
})();
