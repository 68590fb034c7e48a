// Discussion enhancements: reply forms in place, composer reset, and markdownx for late editors.
(function () {
  "use strict";
  var markdownxSrc = null;

  function initLateEditors(root) {
    // markdownx initialises editors once, on page load; loading its script again picks up
    // editors that htmx inserted later (it skips those already initialised).
    var fresh = root.querySelectorAll(".markdownx-editor:not([data-markdownx-init])");
    if (!fresh.length || !markdownxSrc) return;
    var script = document.createElement("script");
    script.src = markdownxSrc;
    document.body.appendChild(script);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tag = document.querySelector("script[src*='markdownx/js/markdownx']");
    if (tag) markdownxSrc = tag.getAttribute("src");
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    initLateEditors(event.detail.target.parentNode || document);
    var first = event.detail.target.querySelector && event.detail.target.querySelector("textarea");
    if (first && event.detail.target.classList.contains("reply-slot")) first.focus();
  });

  // After a successful post, empty the composer (top-level) or close the reply form.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-composer]") || !event.detail.successful) return;
    if (event.detail.xhr.getResponseHeader("HX-Retarget")) return; // the form came back with a message
    var slot = form.closest(".reply-slot");
    if (slot) {
      slot.innerHTML = "";
    } else {
      form.reset();
      var preview = form.querySelector(".markdownx-preview");
      if (preview) preview.innerHTML = "";
    }
  });

  // "Cancel" on an in-place reply form closes it instead of leaving the page.
  document.addEventListener("click", function (event) {
    var cancel = event.target.closest && event.target.closest("[data-cancel-reply]");
    if (!cancel) return;
    var slot = cancel.closest(".reply-slot");
    if (!slot) return;
    event.preventDefault();
    slot.innerHTML = "";
  });
})();
