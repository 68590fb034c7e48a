// Share bars: copy the link, open the native share sheet, remember the Mastodon server.
// Without this file every option still works: the link sits in a read-only field.
(function () {
  "use strict";
  // The words come from Django's JavaScript catalogue when the page loads it; English otherwise.
  var gettext = window.gettext || function (s) { return s; };
  var root = document.documentElement;
  root.classList.add("js-share");
  if (typeof navigator.share === "function") root.classList.add("can-native-share");

  var STORAGE_KEY = "share.mastodon-instance";

  function announce(share, message) {
    var status = share.querySelector("[data-share-status]");
    if (!status) return;
    status.textContent = message;
    window.clearTimeout(status._timer);
    status._timer = window.setTimeout(function () { status.textContent = ""; }, 5000);
  }

  function showField(share) {
    // Fall back to the visible, selected field so the reader can copy by hand.
    share.classList.add("share--manual");
    var field = share.querySelector("[data-share-field]");
    if (field) { field.focus(); field.select(); }
  }

  function copy(share) {
    var url = share.getAttribute("data-share-url");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(
        function () { announce(share, gettext("Link copied")); },
        function () { showField(share); announce(share, gettext("Press Ctrl+C (⌘C on a Mac) to copy the link")); }
      );
      return;
    }
    showField(share);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    announce(share, ok ? gettext("Link copied") : gettext("Press Ctrl+C (⌘C on a Mac) to copy the link"));
  }

  function nativeShare(share) {
    navigator.share({
      title: share.getAttribute("data-share-title"),
      text: share.getAttribute("data-share-text"),
      url: share.getAttribute("data-share-url")
    }).catch(function () { /* dismissed by the reader: nothing to do */ });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-share-copy], [data-share-native]");
    if (!button) return;
    var share = button.closest("[data-share]");
    if (!share) return;
    event.preventDefault();
    if (button.hasAttribute("data-share-copy")) copy(share);
    else nativeShare(share);
  });

  // Select the whole link when the read-only field gets focus.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-share-field]")) event.target.select();
  });

  // A comment's Share disclosure: every option is fetched the first time it opens (the
  // fragment htmx would ask for). Not an htmx attribute: htmx sets up each of its elements
  // at load, and a busy page has 160 of these (Lighthouse blocking time). Until the answer
  // comes, or if it never does, the panel keeps its permalink and "More ways to share".
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open || !details.matches || !details.matches("details[data-share-options]")) return;
    var url = details.getAttribute("data-share-options");
    details.removeAttribute("data-share-options");
    var panel = details.querySelector(".comment-share__panel");
    window.fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) { panel.innerHTML = html; })
      .catch(function () { details.setAttribute("data-share-options", url); });
  }, true);

  // Remember the member's Mastodon server on this device, and fill it in next time.
  function remembered() {
    try { return window.localStorage.getItem(STORAGE_KEY) || ""; } catch (e) { return ""; }
  }
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.classList || !details.classList.contains("share__more") || !details.open) return;
    var input = details.querySelector("[data-mastodon-instance]");
    if (input && !input.value) input.value = remembered();
  }, true);
  document.addEventListener("submit", function (event) {
    var input = event.target.querySelector && event.target.querySelector("[data-mastodon-instance]");
    if (!input || !input.value.trim()) return;
    try { window.localStorage.setItem(STORAGE_KEY, input.value.trim()); } catch (e) { /* private mode */ }
  });
})();
