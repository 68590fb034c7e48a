// Inside the embedded thread's iframe (templates/forum/embed.html): tell the host page our
// height whenever it changes, where a linked comment is, and when a link opened a top-level
// window; only to the host page's origin, and nothing about the reader. Signing in and
// writing: embed-member.js.
(function () {
  "use strict";
  var main = document.getElementById("embed");
  if (!main) return;
  var framed = window.parent !== window;

  function store(name, value) {
    try {
      if (value === null) sessionStorage.removeItem(name);
      else sessionStorage.setItem(name, JSON.stringify(value));
    } catch (e) {
      /* storage refused: the reader stays signed in until a reload */
    }
  }
  function stored(name) {
    try {
      return JSON.parse(sessionStorage.getItem(name) || "null");
    } catch (e) {
      return null;
    }
  }

  // The host page's origin. frame-ancestors (forum/embed/views.py) lets only the allowed
  // sites frame this page, so our parent is one of them.
  var hostOrigin = "";
  if (location.ancestorOrigins && location.ancestorOrigins.length) {
    hostOrigin = location.ancestorOrigins[0];
  } else if (document.referrer && new URL(document.referrer).origin !== location.origin) {
    hostOrigin = new URL(document.referrer).origin; // Firefox: no ancestorOrigins
  } else if (/^https?:/.test(new URLSearchParams(location.search).get("url") || "")) {
    // A host page that sends no referrer: the page address embed.js gave us. A wrong one
    // costs nothing: postMessage drops a message whose target origin isn't the parent's.
    hostOrigin = new URL(new URLSearchParams(location.search).get("url")).origin;
  }
  if (framed) {
    if (hostOrigin) store("invitation:host", hostOrigin);
    else hostOrigin = stored("invitation:host") || ""; // after a navigation inside the frame
  }
  function toHost(message) {
    if (framed && hostOrigin) window.parent.postMessage(message, hostOrigin);
  }

  var last = -1;
  function report() {
    var height = Math.ceil(main.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    toHost({ type: "invitation:height", height: height });
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(main);
  window.addEventListener("load", report);
  report();
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-top-level]");
    if (link && !event.defaultPrevented) toHost({ type: "invitation:opened" });
  });

  function showComment(id, focus) {
    var item = document.getElementById("comment-" + id);
    if (!item) return;
    var marked = document.querySelector(".embed__comment--target");
    if (marked) marked.classList.remove("embed__comment--target");
    item.classList.add("embed__comment--target");
    report();
    toHost({ type: "invitation:scroll", top: Math.round(item.getBoundingClientRect().top) });
    if (focus) item.focus({ preventScroll: true });
  }
  function linkedComment() {
    var match = /^#comment-(\d+)$/.exec(location.hash);
    return match ? match[1] : null;
  }
  // Back from a post or an edit (the frame reloads at the comment): focus it, for keyboards.
  var afterWrite = !!stored("invitation:flash");
  window.addEventListener("load", function () {
    if (linkedComment()) showComment(linkedComment(), afterWrite);
  });
  window.addEventListener("message", function (event) {
    if (!framed || event.source !== window.parent || event.origin !== hostOrigin) return;
    var data = event.data || {};
    if (data.type === "invitation:show" && /^\d+$/.test(String(data.id))) showComment(data.id, true);
  });

  // For embed-member.js and embed-publisher.js (loaded after this file): where the host is, and the frame's storage.
  window.invitationFrame = {
    hostOrigin: framed ? hostOrigin : "",
    store: store,
    stored: stored,
    toHost: toHost,
  };
})();
