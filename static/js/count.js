// Comment-count badges for listing pages: <script src="https://FORUM/count.js" async></script>
// fills every <a href="…/story" data-comments-count> (or with data-thread="KEY") with
// "12 comments", from one request to /api/v1/counts/ for up to 100 links.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src).origin;

  function label(count) {
    return count === 1 ? "1 comment" : count.toLocaleString() + " comments";
  }

  function run() {
    var links = Array.prototype.slice.call(document.querySelectorAll("[data-comments-count]"), 0, 100);
    if (!links.length) return;
    var params = new URLSearchParams();
    links.forEach(function (link) {
      var key = link.getAttribute("data-thread");
      if (key) params.append("key", key);
      else params.append("url", (link.href || "").split("#")[0]);
    });
    fetch(base + "/api/v1/counts/?" + params.toString(), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : { counts: [] }; })
      .then(function (data) {
        var byUrl = {}, byKey = {};
        data.counts.forEach(function (c) {
          if (c.url) byUrl[c.url] = c.count;
          else if (c.key) byKey[c.key] = c.count;
        });
        links.forEach(function (link) {
          var key = link.getAttribute("data-thread");
          var count = key ? byKey[key] : byUrl[(link.href || "").split("#")[0]];
          if (typeof count === "number") {
            link.textContent = label(count);
            link.setAttribute("data-comments-count", String(count));
          }
        });
      })
      .catch(function () { /* the links keep their own text */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
