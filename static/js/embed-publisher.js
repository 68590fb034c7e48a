// Inside the embedded thread's iframe, after embed-member.js: sign in the reader the
// publisher already knows, without a popup (docs/integration.md, "The publisher's token").
//
// The host page hands embed.js a token its backend signed for the reader (`data-sso-token`
// or `InvitationEmbed.signIn(token)`); embed.js posts it here once we say we are ready, to
// our origin only. We accept it only from our parent window on the host's origin, POST it to
// our API (never in an address), and get an embed token bound to the host site, as the
// popup gives. A refusal (bad, expired or used token, banned member) is shown here and
// signs nobody in.
(function () {
  "use strict";
  var main = document.getElementById("embed");
  var frame = window.invitationFrame;
  if (!main || !frame || !frame.signIn || !frame.hostOrigin) return;
  var join = document.querySelector(".embed__join");
  // The words come from Django's JavaScript catalogue when the page loads it; English otherwise.
  var gettext = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (fmt, obj, named) {
    var i = 0;
    return named
      ? fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); })
      : fmt.replace(/%s/g, function () { return String(obj[i++]); });
  };

  // The publisher's id of the reader, read (not trusted: the server checks the token) to
  // skip the exchange when this frame is signed in as that reader already.
  function subjectOf(token) {
    try {
      var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return String(JSON.parse(atob(part)).sub || "");
    } catch (e) {
      return "";
    }
  }

  function refused(message) {
    var box = document.getElementById("embed-sso-error");
    if (!box) {
      box = document.createElement("p");
      box.id = "embed-sso-error";
      box.className = "embed__error";
      box.setAttribute("role", "alert");
      (join || main.querySelector(".embed__head")).after(box);
    }
    box.textContent = message;
  }

  function exchange(token) {
    var subject = subjectOf(token);
    var current = frame.session();
    if (current && current.sub && current.sub === subject) return;
    frame.say(gettext("Signing you in…"));
    fetch(main.getAttribute("data-api") + "embed/sso/", {
      method: "POST",
      // The refusal's message in the frame's language (no cookie reaches the API from here).
      headers: {
        Accept: "application/json",
        "Accept-Language": document.documentElement.lang || "en",
        "Content-Type": "application/json",
      },
      credentials: "omit",
      cache: "no-store",
      body: JSON.stringify({ token: token, host: frame.hostOrigin }),
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(
        function (result) {
          if (!result.ok) {
            return refused(interpolate(gettext("We couldn’t sign you in: %(reason)s"),
              { reason: result.data.message }, true));
          }
          var box = document.getElementById("embed-sso-error");
          if (box) box.remove();
          frame.signIn(result.data.token, Date.now() + result.data.expires_in * 1000, subject);
        },
        function () {
          refused(gettext("We couldn’t reach the discussion to sign you in. Reload the page to try again."));
        }
      );
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || event.origin !== frame.hostOrigin) return;
    var data = event.data || {};
    if (data.type !== "invitation:sso" || typeof data.token !== "string") return;
    if (data.token.length > 8192) return;
    exchange(data.token);
  });
  frame.toHost({ type: "invitation:ready" });
})();
