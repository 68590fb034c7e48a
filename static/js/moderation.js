// Moderation desk enhancements. Everything works without this file.
(function () {
  "use strict";

  function boxes() {
    return document.querySelectorAll('input[name="comments"][form="bulk-form"]');
  }

  function init(root) {
    // "Select all" only makes sense with JavaScript: show it, and keep it in step.
    var all = document.querySelector(".js-select-all");
    if (all) {
      all.closest("label").hidden = false;
      all.onchange = function () {
        boxes().forEach(function (box) { box.checked = all.checked; });
      };
    }
    (root || document).querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.dataset.confirmBound) return;
      form.dataset.confirmBound = "1";
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
  }

  // After a decision in place, attention moves on to the next item of the queue (or stays on
  // this one when it is the last); a refusal keeps focus on its message (site.js). The result
  // itself is announced once by site.js from the answer's data-announce.
  var pending = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var item = event.detail.target;
    if (!item.classList || !item.classList.contains("mod-item")) return;
    var li = item.closest("li");
    var next = li && li.nextElementSibling && li.nextElementSibling.querySelector(".mod-item");
    pending = { id: item.id, next: next ? next.id : null };
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!pending) return;
    var item = document.getElementById(pending.id);
    var next = pending.next && document.getElementById(pending.next);
    pending = null;
    if (!item || item.querySelector(".message--error")) return;
    window.site.focusOn(next || item);
  });
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
