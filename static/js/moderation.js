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

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
