// Inside the embedded thread's iframe, after embed-frame.js: the reader signs in and writes
// without leaving the host page (docs/integration.md says why this way).
//
// 1. A popup on our site (first-party, so our session works even where third-party cookies
//    are blocked) posts back a short-lived embed token (static/js/embed-popup.js). We accept
//    it only from that popup and only from our own origin, keep it in this frame's
//    sessionStorage (partitioned by the host site: a reload keeps the reader signed in for
//    the session), and send it only to our API as `Authorization: Bearer`, never a cookie.
// 2. Post, reply, vote, report, follow and edit through the API; a refusal is shown where it
//    happened and the text stays (drafts are kept in sessionStorage too).
(function () {
  "use strict";
  var main = document.getElementById("embed");
  var frame = window.invitationFrame;
  if (!main || !frame) return;
  var hostOrigin = frame.hostOrigin;
  var store = frame.store;
  var stored = frame.stored;
  // The words come from Django's JavaScript catalogue, which the frame loads in languages
  // other than English; the API answers in the frame's language too (call() sends it: no
  // cookie reaches the API from here).
  var gettext = window.gettext || function (s) { return s; };
  // This file only names its placeholders: interpolate(fmt, {name: …}, true).
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (m, key) { return String(obj[key]); });
  };
  var language = document.documentElement.lang || "en";
  var numbers = null; // made on first use
  function number(n) {
    return window.Intl ? (numbers = numbers || new Intl.NumberFormat(language)).format(n) : String(n);
  }

  // 1. Signing in by the popup ----------------------------------------------------------
  var threadId = main.getAttribute("data-thread-id");
  if (!threadId || !hostOrigin) return; // top-level, or a signed-in page: as rendered
  var api = main.getAttribute("data-api");
  var isOpen = main.getAttribute("data-open") === "1";
  var status = document.getElementById("embed-status");
  var signInLink = document.querySelector("[data-embed-sign-in]");
  var join = signInLink ? signInLink.parentNode : null;
  var TOKEN = "invitation:token";
  var FLASH = "invitation:flash";
  var session = null;
  var popup = null;
  var member = null; // the member's bar, once signed in

  function say(message) {
    status.textContent = "";
    // A new text node, so screen readers announce the same words twice in a row too.
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function currentToken() {
    var token = stored(TOKEN);
    if (token && typeof token.token === "string" && token.expires > Date.now()) return token;
    store(TOKEN, null);
    return null;
  }

  if (signInLink) {
    signInLink.addEventListener("click", function (event) {
      var url = main.getAttribute("data-sign-in") + "?host=" + encodeURIComponent(hostOrigin);
      popup = window.open(url, "invitation-sign-in", "popup,width=560,height=720");
      if (!popup) return; // a blocked popup: the link opens the site's sign-in in a new tab
      event.preventDefault();
      say(gettext("Sign in in the window that opened; this page waits for you."));
    });
  }
  window.addEventListener("message", function (event) {
    // Only the popup we opened, on our own origin; the host page never gets here.
    if (!popup || event.source !== popup || event.origin !== location.origin) return;
    var data = event.data || {};
    if (data.type !== "invitation:token" || typeof data.token !== "string") return;
    popup = null;
    accept(data.token, Number(data.expires) || Date.now() + 3600000, "");
  });
  // A token from the popup, or from the publisher's token the host page handed us
  // (embed-publisher.js, which also gives the publisher's `sub` it was for).
  function accept(token, expires, subject) {
    session = { token: token, expires: expires, sub: subject };
    store(TOKEN, session);
    start(true);
  }
  frame.signIn = accept;
  frame.say = say;
  frame.session = function () {
    return session;
  };

  function call(method, path, body, headers) {
    var options = {
      method: method,
      headers: Object.assign({ Accept: "application/json", "Accept-Language": language }, headers || {}),
      credentials: "omit", // the token is the only credential: no cookie, so no CSRF to fear
      cache: "no-store",
    };
    options.headers.Authorization = "Bearer " + session.token;
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(api + path, options).then(
      function (response) {
        if (response.status === 204) return { ok: true, status: 204, data: {} };
        return response.json().then(
          function (data) {
            return { ok: response.ok, status: response.status, data: data };
          },
          function () {
            var message = gettext("Something went wrong on our side. Your text is still here; please try again.");
            return { ok: false, status: response.status, data: { message: message } };
          }
        );
      },
      function () {
        var message = gettext(
          "We couldn’t reach the discussion. Your text is still here: check your connection and try again.");
        return { ok: false, status: 0, data: { message: message } };
      }
    );
  }

  // A refusal: shown at the form or button that caused it, and the text stays where it is.
  function refused(result, place) {
    if (result.status === 401) {
      signedOut(gettext("Your sign-in to this discussion has ended. Sign in again: your text is kept."));
    }
    var text = (result.data && result.data.message) || gettext("That didn’t work. Please try again.");
    var box = place.querySelector(".embed__error");
    if (!box) {
      box = document.createElement("p");
      box.className = "embed__error";
      box.setAttribute("role", "alert");
      place.appendChild(box);
    }
    box.textContent = text;
    box.hidden = false;
  }
  function clearError(place) {
    var box = place.querySelector(".embed__error");
    if (box) box.hidden = true;
  }

  function signedOut(message) {
    session = null;
    store(TOKEN, null);
    if (member) member.remove();
    member = null;
    document.querySelectorAll(".embed__actions, [data-form='post']").forEach(function (node) {
      // Forms with text stay, so nothing is lost; their buttons wait for a new sign-in.
      var text = node.querySelector("textarea");
      if (!text || !text.value.trim()) node.remove();
    });
    if (join) join.hidden = false;
    say(message);
  }

  function clone(id) {
    return document.getElementById(id).content.firstElementChild.cloneNode(true);
  }

  // 2. The signed-in frame --------------------------------------------------------------
  function start(justSignedIn) {
    call("GET", "embed/threads/" + threadId + "/state/").then(function (result) {
      if (!result.ok) {
        if (result.status === 401) signedOut(gettext("Your sign-in to this discussion has ended. Please sign in again."));
        else say(result.data.message || gettext("We couldn’t load your part of the discussion."));
        return;
      }
      render(result.data);
      var flash = stored(FLASH);
      store(FLASH, null);
      if (flash) say(flash);
      else if (justSignedIn) say(interpolate(gettext("You’re signed in as %(name)s."), { name: result.data.name }, true));
      if (justSignedIn) {
        var first =
          main.querySelector("[data-form='post'] textarea") || main.querySelector(".embed__member button");
        if (first) first.focus();
      }
    });
  }

  function render(state) {
    if (join) join.hidden = true;
    if (member) member.remove();
    member = clone("embed-member");
    member.querySelector(".embed__name").textContent = state.name;
    var follow = member.querySelector("[data-action='follow']");
    setFollow(follow, state.following);
    var refusal = member.querySelector(".embed__refusal-text");
    if (state.refusal) {
      refusal.textContent = state.refusal;
      refusal.hidden = false;
    }
    main.querySelector(".embed__head").after(member);
    var canWrite = !state.refusal && isOpen;
    var composer = main.querySelector("[data-form='post']");
    if (canWrite && !composer) member.after(openForm("post", null));
    var editable = {};
    state.editable.forEach(function (item) {
      editable[item.id] = item.body;
    });
    var voted = {};
    state.voted_ids.forEach(function (id) {
      voted[id] = true;
    });
    main.querySelectorAll(".embed__comment[data-comment-id]").forEach(function (item) {
      var id = item.getAttribute("data-comment-id");
      var old = item.querySelector(":scope > .embed__actions");
      if (old) old.remove();
      if (!item.hasAttribute("data-published") && !(id in editable)) return;
      var actions = clone("embed-actions");
      var vote = actions.querySelector("[data-action='vote']");
      setVote(vote, !!voted[id], Number(item.getAttribute("data-score") || 0));
      if (!canWrite || !item.hasAttribute("data-published")) {
        actions.querySelector("[data-action='reply']").remove();
        vote.remove();
        actions.querySelector("[data-action='report']").remove();
      }
      var edit = actions.querySelector("[data-action='edit']");
      if (id in editable && !state.refusal) {
        edit.hidden = false;
        edit.setAttribute("data-body", editable[id]);
      }
      var body = item.querySelector(":scope > .embed__body");
      (body || item.firstElementChild).after(actions);
    });
  }

  function setVote(button, voted, score) {
    button.setAttribute("aria-pressed", voted ? "true" : "false");
    button.firstChild.textContent = voted ? gettext("Up-voted") : gettext("Up-vote");
    button.querySelector(".embed__score").textContent = " · " + number(score);
  }
  function setFollow(button, following) {
    button.setAttribute("aria-pressed", following ? "true" : "false");
    button.textContent = following ? gettext("Following this discussion") : gettext("Follow this discussion");
  }

  var formCount = 0;
  function draftKey(kind, id) {
    return "invitation:draft:" + threadId + ":" + kind + ":" + (id || "");
  }

  function openForm(kind, item) {
    var id = item ? item.getAttribute("data-comment-id") : null;
    var form = clone(kind === "report" ? "embed-report" : "embed-composer");
    form.setAttribute("data-form", kind);
    formCount += 1;
    var field = form.querySelector(kind === "report" ? "select" : "textarea");
    field.id = "embed-" + kind + "-" + formCount;
    form.querySelector("[data-label]").setAttribute("for", field.id);
    var note = form.querySelector("textarea[name='note']");
    if (note) {
      note.id = field.id + "-note";
      form.querySelector("[data-label-note]").setAttribute("for", note.id);
    }
    var submit = form.querySelector("[data-submit]");
    var cancel = form.querySelector("[data-action='cancel']");
    var author = item ? item.querySelector(".embed__meta strong") : null;
    if (kind === "reply") {
      form.querySelector("[data-label]").textContent = author
        ? interpolate(gettext("Your reply to %(name)s (Markdown)"), { name: author.textContent }, true)
        : gettext("Your reply to this comment (Markdown)");
      submit.textContent = gettext("Post reply");
    } else if (kind === "edit") {
      form.querySelector("[data-label]").textContent = gettext("Edit your comment (Markdown)");
      submit.textContent = gettext("Save changes");
    }
    if (cancel && kind !== "post") {
      cancel.hidden = false;
      cancel.addEventListener("click", function () {
        store(draftKey(kind, id), null);
        form.remove();
        var back = item && item.querySelector("[data-action='" + kind + "']");
        if (back) back.focus();
      });
    }
    var key = draftKey(kind, id);
    var draft = stored(key) || {};
    var text = form.querySelector("textarea[name='body']");
    if (text) {
      var source = kind === "edit" ? item.querySelector("[data-action='edit']").getAttribute("data-body") : "";
      text.value = draft.body !== undefined ? draft.body : source;
    }
    if (draft.reason) field.value = draft.reason;
    if (note && draft.note) note.value = draft.note;
    form.addEventListener("input", function () {
      draft.body = text ? text.value : undefined;
      draft.reason = kind === "report" ? field.value : undefined;
      draft.note = note ? note.value : undefined;
      store(key, draft);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!session) {
        refused({ status: 0, data: { message: gettext("Sign in again to send this: your text is kept.") } }, form);
        return;
      }
      clearError(form);
      submit.disabled = true;
      send(kind, id, form, draft).then(function (result) {
        submit.disabled = false;
        if (!result.ok) {
          refused(result, form);
          return;
        }
        store(key, null);
        done(kind, id, form, result.data);
      });
    });
    return form;
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return String(Date.now()) + Math.random().toString(16).slice(2);
  }

  function send(kind, id, form, draft) {
    var body = form.querySelector("textarea[name='body']");
    if (kind === "post" || kind === "reply") {
      // The same key for every try of this text: a retry after a lost answer posts once.
      if (!draft.key || draft.keyFor !== body.value) {
        draft.key = newKey();
        draft.keyFor = body.value;
        store(draftKey(kind, id), draft);
      }
      var data = { body: body.value };
      if (id) data.parent_id = Number(id);
      return call("POST", "threads/" + threadId + "/comments/", data, { "Idempotency-Key": draft.key });
    }
    if (kind === "edit") return call("PATCH", "comments/" + id + "/", { body: body.value });
    return call("POST", "comments/" + id + "/report/", {
      reason: form.querySelector("select").value,
      note: form.querySelector("textarea[name='note']").value,
    });
  }

  function done(kind, id, form, data) {
    if (kind === "report") {
      var item = form.closest(".embed__comment");
      form.remove();
      var button = item.querySelector("[data-action='report']");
      if (button) {
        button.disabled = true;
        button.textContent = gettext("Reported");
        button.focus();
      }
      say(data.message);
      return;
    }
    // The thread is shown afresh, at the comment: a published one is in it now.
    var shown = kind === "edit" ? id : data.comment.id;
    var message = data.message;
    if (kind === "edit") {
      message = data.status === "pending"
        ? gettext("Your edit is saved and awaits a moderator’s review.")
        : gettext("Your changes are saved.");
    }
    store(FLASH, message);
    location.hash = "comment-" + shown;
    location.reload();
  }

  main.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    if (!button || !session) return;
    var action = button.getAttribute("data-action");
    var item = button.closest(".embed__comment");
    if (action === "reply" || action === "edit" || action === "report") {
      var open = item.querySelector(":scope > form[data-form='" + action + "']");
      if (!open) {
        open = openForm(action, item);
        button.parentNode.after(open);
      }
      open.querySelector("textarea, select").focus();
    } else if (action === "vote") {
      button.disabled = true;
      call("POST", "comments/" + item.getAttribute("data-comment-id") + "/vote/").then(function (result) {
        button.disabled = false;
        if (!result.ok) return refused(result, button.parentNode);
        clearError(button.parentNode);
        setVote(button, result.data.voted, result.data.score);
        say(result.data.voted ? gettext("Up-vote recorded.") : gettext("Up-vote removed."));
      });
    } else if (action === "follow") {
      var following = button.getAttribute("aria-pressed") !== "true";
      call("POST", "embed/threads/" + threadId + "/follow/", { following: following }).then(function (result) {
        if (!result.ok) return refused(result, member);
        setFollow(button, result.data.following);
        say(result.data.message);
      });
    } else if (action === "sign-out") {
      call("DELETE", "embed/token/").then(function () {
        signedOut(gettext("You’re signed out of the discussion here."));
        if (signInLink) signInLink.focus();
      });
    }
  });

  session = currentToken();
  if (session) start(false);
})();
