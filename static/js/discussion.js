// Discussion enhancements: reply forms in place, composer reset, markdownx for late editors,
// and the keyboard: Tab leaves the editor, Escape leaves it or closes a reply form.
(function () {
  "use strict";
  // The words come from Django's JavaScript catalogue when the page loads it; English otherwise.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext;  // site.js stands in English ones when no catalogue is loaded
  var interpolate = window.interpolate;
  // Digits in the page's language; the formatter is made on first use (its locale data costs
  // main-thread time, and most pages show no count).
  var numbers = null;
  function number(n) {
    if (!window.Intl) return String(n);
    numbers = numbers || new Intl.NumberFormat(document.documentElement.lang || "en");
    return numbers.format(n);
  }
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

  // The in-place reply form is a disclosure: its toggle is the comment's "Reply" link.
  function replyToggle(slot) {
    // data-hx-* is the valid HTML form of htmx's attributes; plain hx-* is still accepted.
    var target = '"#' + slot.id + '"';
    return document.querySelector("[data-hx-target=" + target + "], [hx-target=" + target + "]");
  }
  function closeReply(slot, keepDraft) {
    var editor = slot.querySelector("textarea");
    if (keepDraft && editor && editor.value.trim()) {
      slot.hidden = true; // "Reply" shows it again, text and all
    } else {
      slot.innerHTML = "";
    }
    var toggle = replyToggle(slot);
    if (toggle) {
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  }
  // "Reply" on a comment whose form was closed with a draft in it: show the draft again.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (!target || !target.classList.contains("reply-slot") || !target.hidden) return;
    event.preventDefault();
    target.hidden = false;
    event.detail.elt.setAttribute("aria-expanded", "true");
    target.querySelector("textarea").focus();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    initLateEditors(target.parentNode || document);
    if (target.classList && target.classList.contains("reply-slot")) {
      // The form must post in place: have htmx bind it now, whatever else ran on this swap
      // (a browser test found it, now and then, still unbound when posted).
      if (window.htmx) window.htmx.process(target);
      var toggle = replyToggle(target);
      if (toggle) toggle.setAttribute("aria-expanded", "true");
      var first = target.querySelector("textarea");
      if (first) first.focus();
    }
  });
  // After a successful post, empty the composer (top-level) or close the reply form.
  // Focus then goes to the new comment (site.js, data-focus-here in the answer).
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-composer]") || !event.detail.successful) return;
    if (event.detail.xhr.getResponseHeader("HX-Retarget")) return; // the form came back with a message
    var slot = form.closest(".reply-slot");
    if (slot) {
      slot.innerHTML = "";
      slot.hidden = false;
      var toggle = replyToggle(slot);
      if (toggle) toggle.setAttribute("aria-expanded", "false");
    } else {
      form.reset();
      freshKey(form);
      var preview = form.querySelector(".markdownx-preview");
      if (preview) preview.innerHTML = "";
      clearErrors(form);
    }
  });
  // The composer stays on the page for the next comment, which is not a retry of this one:
  // it gets a key of its own, as a form freshly rendered by the server would.
  function freshKey(form) {
    var key = form.querySelector("input[name=idempotency_key]");
    if (!key) return;
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    key.value = Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  // A form that came back refused and is then posted: its summary and messages are over.
  function clearErrors(form) {
    form.querySelectorAll(".error-summary, .error-message").forEach(function (el) { el.remove(); });
    form.querySelectorAll(".field--error").forEach(function (el) { el.classList.remove("field--error"); });
    var editor = form.querySelector("textarea[name=body]");
    if (!editor) return;
    // reset() gives a textarea back its text as the server sent it: the refused one.
    editor.defaultValue = "";
    editor.value = "";
    editor.removeAttribute("aria-invalid");
    editor.setAttribute("aria-describedby", editor.id + "-count");
  }
  // "Cancel" on an in-place reply form closes it instead of leaving the page.
  document.addEventListener("click", function (event) {
    var cancel = event.target.closest && event.target.closest("[data-cancel-reply]");
    if (!cancel) return;
    var slot = cancel.closest(".reply-slot");
    if (!slot) return;
    event.preventDefault();
    closeReply(slot);
  });

  // The keyboard in the editor. markdownx listens for keydown on the textarea itself and turns
  // Tab and Shift+Tab into inserting and removing a tab character: a keyboard trap (WCAG
  // 2.1.2). We don't edit its vendored file and it has no setting for this, so this listener,
  // capturing on the document, runs before the event reaches the textarea and stops it there
  // for a plain Tab: markdownx never sees it, and as the default is not prevented, Chromium
  // moves focus as usual. Indenting stays available with Ctrl+] and Ctrl+[ (markdownx).
  document.addEventListener("keydown", function (event) {
    var editor = event.target;
    if (!editor.matches || !editor.matches(".markdownx-editor")) return;
    if (event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.stopImmediatePropagation();
      return;
    }
    if (event.key !== "Escape" || event.isComposing) return;
    // Escape leaves the editor: to the form's submit button, or, in an empty in-place reply
    // form, it closes the form and returns to "Reply".
    event.preventDefault();
    event.stopImmediatePropagation();
    var slot = editor.closest(".reply-slot");
    if (slot && !editor.value.trim()) {
      closeReply(slot, true);
      return;
    }
    var submit = editor.form && editor.form.querySelector("button[type=submit]");
    if (submit) submit.focus();
  }, true);
  // Escape elsewhere in an in-place reply form closes it; unlike "Cancel" it keeps the draft.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var slot = event.target.closest && event.target.closest(".reply-slot");
    if (!slot || !slot.querySelector("form")) return;
    event.preventDefault();
    closeReply(slot, true);
  });
  // The character count (after GOV.UK's): nothing is ever cut off. Quiet until 75 % of the
  // limit, then "You have N characters remaining", then "N characters too many" in red.
  // The element is aria-live polite; updates wait for a pause in typing so a screen reader
  // is not interrupted at every key.
  function countFor(editor) {
    // The field is described by its count, and by its error message once refused.
    var ids = (editor.getAttribute("aria-describedby") || "").split(/\s+/);
    for (var i = 0; i < ids.length; i++) {
      var element = ids[i] && document.getElementById(ids[i]);
      if (element && element.hasAttribute("data-count-max")) return element;
    }
    return null;
  }
  function updateCount(editor) {
    var count = countFor(editor);
    if (!count || !count.hasAttribute("data-count-max")) return;
    var max = parseInt(count.getAttribute("data-count-max"), 10);
    var left = max - editor.value.length;
    var text = interpolate(ngettext("You can enter up to %(count)s character",
      "You can enter up to %(count)s characters", max), { count: number(max) }, true);
    if (left < 0) {
      text = interpolate(ngettext("%(count)s character too many", "%(count)s characters too many", -left),
        { count: number(-left) }, true);
    } else if (editor.value.length >= max * 0.75) {
      text = interpolate(ngettext("You have %(count)s character remaining",
        "You have %(count)s characters remaining", left), { count: number(left) }, true);
    }
    count.classList.toggle("composer__count--warn", left >= 0 && editor.value.length >= max * 0.75);
    count.classList.toggle("composer__count--over", left < 0);
    window.clearTimeout(count._timer);
    count._timer = window.setTimeout(function () {
      if (count.textContent !== text) count.textContent = text;
    }, count.textContent === text ? 0 : 400);
    // Too long is invalid; back under the limit, the field is as the server left it (still
    // invalid when the server refused it, until it is sent again).
    if (left < 0) {
      if (!editor.hasAttribute("aria-invalid")) editor.setAttribute("data-count-invalid", "");
      editor.setAttribute("aria-invalid", "true");
    } else if (editor.hasAttribute("data-count-invalid")) {
      editor.removeAttribute("data-count-invalid");
      editor.removeAttribute("aria-invalid");
    }
  }

  // A draft is kept on this device, per page and per form, until it is posted.
  function draftKey(form) { return "draft:" + window.location.pathname + "#" + form.id; }
  function storage() { try { return window.localStorage; } catch (e) { return null; } }
  function restoreDrafts(root) {
    var store = storage();
    if (!store) return;
    root.querySelectorAll("form[data-composer]").forEach(function (form) {
      var editor = form.querySelector("textarea[name=body]");
      if (!editor || editor.value.trim() || /\/edit\//.test(form.getAttribute("action") || "")) return;
      var draft = store.getItem(draftKey(form));
      if (!draft) return;
      editor.value = draft;
      editor.dispatchEvent(new Event("input", { bubbles: true })); // the preview and the count
      var status = form.querySelector("[data-draft-status]");
      if (status) status.textContent = gettext("Your unsent draft is back: it was kept on this device.");
    });
  }
  function clearDraft(form) {
    var store = storage();
    if (store && form.id) store.removeItem(draftKey(form));
    var status = form.querySelector("[data-draft-status]");
    if (status) status.textContent = "";
  }
  document.addEventListener("input", function (event) {
    var editor = event.target;
    if (!editor.matches || !editor.matches("form[data-composer] textarea[name=body]")) return;
    updateCount(editor);
    var store = storage();
    if (!store || !editor.form.id) return;
    try {
      if (editor.value.trim()) store.setItem(draftKey(editor.form), editor.value);
      else store.removeItem(draftKey(editor.form));
    } catch (e) { /* storage full: the text is still in the field */ }
  });
  document.addEventListener("DOMContentLoaded", function () {
    restoreDrafts(document);
    document.querySelectorAll("form[data-composer] textarea[name=body]").forEach(updateCount);
  });
  document.addEventListener("htmx:afterSwap", function (event) { restoreDrafts(event.detail.target); });
  // Posted: by htmx once the answer is in (below), without it when the form leaves the page
  // (a refused comment comes back with its text in the field).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-composer]") && !form.hasAttribute("hx-post")) clearDraft(form);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form[data-composer]") || !event.detail.successful) return;
    if (event.detail.xhr.getResponseHeader("HX-Retarget")) return;
    clearDraft(form);
    var editor = form.querySelector("textarea[name=body]");
    if (editor) window.setTimeout(function () { updateCount(editor); }, 0);
  });
})();
