// Inside the embedded thread's iframe: tell the host page our height whenever it changes, and
// tell it when a link opened a top-level window (sign-in, the full discussion), so that the
// host reloads the thread when the reader comes back. Only heights and that one word are
// sent: nothing about the reader.
(function () {
  "use strict";
  if (window.parent === window) return;
  var main = document.getElementById("embed");
  var last = -1;
  function report() {
    var height = Math.ceil(main.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "invitation:height", height: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(main);
  window.addEventListener("load", report);
  report();
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-top-level]");
    if (link) window.parent.postMessage({ type: "invitation:opened" }, "*");
  });
})();
