// Comment-count badges for listing pages: <script src="https://FORUM/count.js" async></script>
// fills every <a href="…/story" data-comments-count> (or with data-thread="KEY") with
// "12 comments", from one request to /api/v1/counts/ for up to 100 links, in the host page's
// language (its <html lang>) when this forum offers it: the API sends each count's label.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src).origin;
  // On a host page: the words of Django's catalogue if the page loads one with ours, else
  // English (other globals of that name are the host's own business); its language's digits.
  var django = window.django && window.django.ngettext ? window.django : {};
  var ngettext = django.ngettext || function (s, p, n) { return n === 1 ? s : p; };
  var interpolate = django.interpolate || function (fmt, obj, named) {
    var i = 0;
    return named
      ? fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); })
      : fmt.replace(/%s/g, function () { return String(obj[i++]); });
  };
  // The host page's language, which may be no language Intl knows.
  function formatter() {
    if (!window.Intl) return null;
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined);
    } catch (e) {
      return new Intl.NumberFormat();
    }
  }

  function label(count, numbers) {
    var digits = numbers ? numbers.format(count) : String(count);
    return interpolate(ngettext("%(count)s comment", "%(count)s comments", count), { count: digits }, true);
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
    // The labels in the host page's language, when this forum offers it.
    params.append("lang", document.documentElement.lang || "");
    fetch(base + "/api/v1/counts/?" + params.toString(), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : { counts: [] }; })
      .then(function (data) {
        var byUrl = {}, byKey = {};
        data.counts.forEach(function (c) {
          if (c.url) byUrl[c.url] = c;
          else if (c.key) byKey[c.key] = c;
        });
        var numbers = formatter();
        links.forEach(function (link) {
          var key = link.getAttribute("data-thread");
          var found = key ? byKey[key] : byUrl[(link.href || "").split("#")[0]];
          if (found && typeof found.count === "number") {
            link.textContent = found.label || label(found.count, numbers);
            link.setAttribute("data-comments-count", String(found.count));
          }
        });
      })
      .catch(function () { /* the links keep their own text */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
