// The embed's sign-in popup (forum/embed/popup.py): hand the token to the frame that opened
// this window, and to nothing else. postMessage's target origin is our own origin, so a
// window of any other site that opened this page receives nothing; the host page around
// the frame is another origin too, so it never sees the token.
(function () {
  "use strict";
  var box = document.getElementById("embed-sign-in");
  if (!box || !box.getAttribute("data-token")) return;
  var opener = window.opener;
  if (!opener) {
    // No frame to hand it to: revoke the token at once rather than leave it unused.
    var token = box.getAttribute("data-token");
    box.removeAttribute("data-token");
    fetch("/api/v1/embed/token/", {
      method: "DELETE",
      headers: { Authorization: "Bearer " + token },
      credentials: "omit",
    });
    box.querySelector(".embed-sign-in__fallback").hidden = false;
    document.getElementById("embed-sign-in-result").hidden = true;
    return;
  }
  var minutes = parseInt(box.getAttribute("data-minutes"), 10) || 60;
  opener.postMessage(
    {
      type: "invitation:token",
      token: box.getAttribute("data-token"),
      expires: Date.now() + minutes * 60 * 1000,
    },
    window.location.origin
  );
  box.removeAttribute("data-token");
  window.close();
})();
