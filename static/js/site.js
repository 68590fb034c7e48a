// Progressive enhancements shared by every page. Everything works without this file.
(function () {
  "use strict";
  // The words come from Django's JavaScript catalogue (/jsi18n/<lang>.js), which pages in
  // other languages load before this file. English pages load none: these English stand-ins
  // serve this file and the page's scripts after it (limits.js, share.js, discussion.js, live.js).
  if (!window.gettext) {
    window.gettext = function (s) { return s; };
    window.ngettext = function (s, p, n) { return n === 1 ? s : p; };
    window.interpolate = function (fmt, obj, named) {
      var i = 0;
      return named
        ? fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); })
        : fmt.replace(/%s/g, function () { return String(obj[i++]); });
    };
  }
  var gettext = window.gettext;

  // Let htmx know about our CSRF token for every request it makes.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var cookie = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    var value = token ? token.value : cookie ? decodeURIComponent(cookie[1]) : null;
    if (value) event.detail.headers["X-CSRFToken"] = value;
  });

  // Results of the reader's actions. The server marks, in a page or an htmx answer, the text
  // to announce (data-announce) and where attention goes (data-focus-here); both are used
  // once, then removed, so a later swap never repeats them.
  function announce(text) {
    var region = document.getElementById("announcer");
    if (!region || !text) return;
    // Empty first, then fill on the next frames: screen readers announce a change, and the
    // same words twice in a row (two votes) are still two changes.
    region.textContent = "";
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () { region.textContent = text; });
    });
  }
  function focusOn(element) {
    if (!element) return;
    if (!element.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus({ preventScroll: true });
    var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    element.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
  }
  function applyResults() {
    var target = document.querySelector("[data-focus-here]");
    if (target) {
      target.removeAttribute("data-focus-here");
      focusOn(target);
    }
    var said = document.querySelector("[data-announce]");
    if (said) {
      announce(said.getAttribute("data-announce"));
      document.querySelectorAll("[data-announce]").forEach(function (el) {
        el.removeAttribute("data-announce");
      });
    }
  }
  window.site = { announce: announce, focusOn: focusOn };

  // Comment times are printed absolute (cards are cached and shared); show them relative,
  // with the absolute time kept as the tooltip.
  var UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
    ["hour", 3600], ["minute", 60]];
  // The formatter is made on first use: making one costs ~25 ms of main thread (its locale
  // data), and most pages have no relative time.
  var relative = null;
  function showRelativeTimes(root) {
    var times = (root || document).querySelectorAll("time[data-relative]");
    if (!times.length || !(window.Intl && Intl.RelativeTimeFormat)) return;
    relative = relative ||
      new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "auto" });
    times.forEach(function (el) {
      var seconds = (Date.parse(el.getAttribute("datetime")) - Date.now()) / 1000;
      if (isNaN(seconds)) return;
      if (!el.title) el.title = el.textContent;
      var unit = UNITS.find(function (u) { return Math.abs(seconds) >= u[1]; });
      el.textContent = unit
        ? relative.format(Math.round(seconds / unit[1]), unit[0])
        : gettext("just now");
    });
  }
  // At load, once the browser is idle: not in the task that shows the page (Lighthouse's
  // blocking time), and the times are all absolute until then anyway.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.requestIdleCallback) window.requestIdleCallback(function () { showRelativeTimes(); }, { timeout: 2000 });
    else window.setTimeout(function () { showRelativeTimes(); }, 0);
  });
  document.addEventListener("htmx:afterSettle", function (event) { showRelativeTimes(event.target); });
  // On a page load, wait until Chromium has handled the URL's #anchor: when the anchor is not
  // focusable it clears the focus, which would undo ours.
  window.addEventListener("load", function () {
    window.requestAnimationFrame(function () { window.requestAnimationFrame(applyResults); });
  });
  document.addEventListener("htmx:afterSettle", applyResults);
  // A refused htmx request (4xx/5xx is not swapped): say why instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var type = xhr.getResponseHeader("Content-Type") || "";
    if (type.indexOf("text/plain") === 0 && xhr.responseText.length < 300) announce(xhr.responseText);
    else announce(gettext("That didn’t work. Please reload the page and try again."));
  });

  // The error summary's links (GOV.UK): focus the field with its label or legend in view; a
  // plain jump to the field's id scrolls the label, which says what the field is, out of view.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var group = field.closest("fieldset");
    var label = (group && group.querySelector("legend")) ||
      document.querySelector("label[for='" + field.id + "']") || field;
    label.scrollIntoView();
    field.focus({ preventScroll: true });
  });

  // Escape closes the innermost open disclosure around the focus and returns focus to its
  // toggle. Only pop-up disclosures: Escape never folds a thread of replies.
  var DISCLOSURES = "details.comment-share[open], details.share__more[open], details.site-menu[open], details.markdown-help[open]";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var details = event.target.closest && event.target.closest(DISCLOSURES);
    if (!details) return;
    event.preventDefault();
    details.open = false;
    details.querySelector("summary").focus();
  });
})();
