// The one-line embed: <script src="https://FORUM/embed.js" data-thread="KEY"
// data-url="https://news.example/story" data-title="…" async></script>
// Puts the thread's iframe after this script, sizes it to its content (postMessage from
// embed-frame.js), follows the host page's light or dark scheme, and reloads the thread when
// the reader returns from a window it opened (the full discussion). A link to the host page
// at "#comment-ID" opens the thread at that comment. The sign-in popup and the token it hands
// over stay between the frame and our site: this page never sees them.
// A publisher that signs a token for its reader (docs/integration.md) gives it as
// data-sso-token="…", or later by InvitationEmbed.signIn(token): it is posted to the frame,
// to our origin only and once, when the frame says it is ready; never put in an address.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || script.getAttribute("data-invitation-done")) return;
  script.setAttribute("data-invitation-done", "1");
  var base = new URL(script.src).origin;
  // On a host page: English unless it loads Django's catalogue with these words.
  var gettext = (window.django && window.django.gettext) || function (s) { return s; };

  function scheme() {
    var asked = script.getAttribute("data-scheme");
    if (asked === "light" || asked === "dark") return asked;
    // The root's CSS color-scheme, else the page's <meta name="color-scheme">.
    var declared = getComputedStyle(document.documentElement).colorScheme || "";
    if (declared === "normal" || !declared) {
      var meta = document.querySelector('meta[name="color-scheme"]');
      declared = meta ? meta.getAttribute("content") || "" : "";
    }
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    if (declared.indexOf("dark") >= 0 && (declared.indexOf("light") < 0 || dark)) return "dark";
    return "light"; // a page that declares no scheme is drawn light by the browser
  }

  var chosen = scheme();
  var params = new URLSearchParams({
    key: script.getAttribute("data-thread") || "",
    url: script.getAttribute("data-url") || location.href.split("#")[0],
    title: script.getAttribute("data-title") || document.title,
    scheme: chosen,
  });
  var frame = document.createElement("iframe");
  function linked() {
    var match = /^#comment-(\d+)$/.exec(location.hash);
    return match ? match[1] : null;
  }
  // The fragment stays in the browser: it never reaches the forum, nor its cache's key.
  frame.src = base + "/embed/?" + params.toString() + (linked() ? "#comment-" + linked() : "");
  frame.title = gettext("Discussion");
  frame.setAttribute("scrolling", "no");
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.height = "240px";
  frame.style.colorScheme = chosen;
  script.parentNode.insertBefore(frame, script.nextSibling);

  // The reader switches the system between light and dark: follow, if the host page does.
  if (window.matchMedia) {
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
      var now = scheme();
      if (now === chosen) return;
      chosen = now;
      params.set("scheme", chosen);
      frame.style.colorScheme = chosen;
      frame.src = base + "/embed/?" + params.toString();
    });
  }

  var publisherToken = script.getAttribute("data-sso-token") || null;
  script.removeAttribute("data-sso-token");
  var frameReady = false;
  function handOver() {
    if (!frameReady || !publisherToken) return;
    frame.contentWindow.postMessage({ type: "invitation:sso", token: publisherToken }, base);
    publisherToken = null;
  }
  var embeds = (window.InvitationEmbed = window.InvitationEmbed || { frames: [] });
  embeds.frames.push(function (token) {
    publisherToken = token;
    handOver();
  });
  // Sign in the page's (first) embed with a token the publisher signed for its reader; a
  // token is good once, so a page with two embeds signs them in one token each.
  embeds.signIn = function (token) {
    if (typeof token === "string" && token) embeds.frames[0](token);
  };

  var opened = false;
  window.addEventListener("message", function (event) {
    if (event.origin !== base || event.source !== frame.contentWindow) return;
    var data = event.data || {};
    if (data.type === "invitation:height" && typeof data.height === "number") {
      frame.style.height = Math.max(60, Math.min(Math.round(data.height), 200000)) + "px";
    } else if (data.type === "invitation:ready") {
      frameReady = true;
      handOver();
    } else if (data.type === "invitation:opened") {
      opened = true;
    } else if (data.type === "invitation:scroll" && typeof data.top === "number") {
      var top = frame.getBoundingClientRect().top + window.scrollY + data.top;
      window.scrollTo(0, Math.max(0, Math.round(top) - 16));
    }
  });
  // A link to a comment followed on this page: the frame shows it (and focuses it).
  window.addEventListener("hashchange", function () {
    if (linked()) frame.contentWindow.postMessage({ type: "invitation:show", id: linked() }, base);
  });
  window.addEventListener("focus", function () {
    if (!opened) return;
    opened = false;
    frame.src = frame.src; // the reader may have signed in or posted: show the thread afresh
  });
})();
