// Account settings: a live character count under text areas that have a limit (data-count).
// Without this file the help text still states the limit and the browser enforces it.
(function () {
  "use strict";
  function attach(area) {
    var limit = parseInt(area.getAttribute("data-count"), 10);
    if (!limit) return;
    var counter = document.createElement("p");
    counter.className = "char-count";
    counter.id = area.id + "_count";
    var help = document.getElementById(area.id + "_helptext");
    (help || area).insertAdjacentElement("afterend", counter);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var used = area.value.length;
      counter.textContent = used + " of " + limit + " characters used";
      counter.classList.toggle("char-count--full", used >= limit);
    }
    area.addEventListener("input", update);
    update();
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("textarea[data-count]"), attach);
  });
})();
