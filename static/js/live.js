// Live updates over Server-Sent Events (forum/live/). Everything works without this file:
// a reload shows the same things.
//
// A thread: new comments are counted in a bar, "N new comments · Show", and inserted only
// when the reader asks, where the page's sort order puts them, without moving what the
// reader is looking at; scores change in place; a comment taken off fades to its placeholder.
// The desk: counts and the queue follow other moderators, a card someone else decided
// says so instead of offering stale buttons, and a thread going into slow mode by itself
// raises an alert above the queue.
(function () {
  "use strict";
  if (!window.EventSource || !window.fetch) return;
  // The words come from Django's JavaScript catalogue when the page loads it; English otherwise.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext;  // site.js stands in English ones when no catalogue is loaded
  var interpolate = window.interpolate;
  // Digits in the page's language; the formatter is made on first use (its locale data costs
  // main-thread time, and most pages show no count).
  var numbers = null;
  function number(n) {
    if (!window.Intl) return String(n);
    numbers = numbers || new Intl.NumberFormat(document.documentElement.lang || "en");
    return numbers.format(n);
  }
  // `words` (ngettext's choice for n) with n in the page's digits.
  function counted(words, n) {
    return interpolate(words, { count: number(n) }, true);
  }

  function announce(text) {
    if (window.site) window.site.announce(text);
  }

  // Keep the first comment in view where it is while the page above it changes.
  function keepingScroll(change) {
    var anchor = null;
    var items = document.querySelectorAll(".comment__card");
    for (var i = 0; i < items.length; i++) {
      if (items[i].getBoundingClientRect().bottom > 0) { anchor = items[i]; break; }
    }
    var before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) {
      var shift = anchor.getBoundingClientRect().top - before;
      if (shift) window.scrollBy(0, shift);
    }
  }

  // The thread -----------------------------------------------------------------------

  function Thread(section) {
    this.section = section;
    this.list = section.querySelector("#comments");
    this.sort = section.dataset.liveSort || "oldest";
    this.firstPage = section.hasAttribute("data-live-first-page");
    this.lastPage = section.hasAttribute("data-live-last-page");
    this.waiting = []; // {id, parent} in arrival order
    this.bar = null;
  }

  Thread.prototype.placeable = function (event) {
    if (document.getElementById("comment-" + event.comment)) return false; // already here
    if (event.parent) return !!document.getElementById("comment-" + event.parent);
    // A new top-level comment belongs on the first page (newest first) or the last.
    return this.sort === "newest" ? this.firstPage : this.lastPage;
  };

  Thread.prototype.showBar = function () {
    var count = this.waiting.length;
    if (!count) {
      if (this.bar) { this.bar.remove(); this.bar = null; }
      return;
    }
    var first = !this.bar;
    if (first) {
      this.bar = document.createElement("div");
      this.bar.className = "live-bar";
      var text = document.createElement("span");
      text.className = "live-bar__text";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button--small live-bar__show";
      button.textContent = gettext("Show");
      button.addEventListener("click", this.show.bind(this));
      this.bar.appendChild(text);
      this.bar.appendChild(document.createTextNode(" · "));
      this.bar.appendChild(button);
      this.list.parentNode.insertBefore(this.bar, this.list);
    }
    this.bar.querySelector(".live-bar__text").textContent =
      counted(ngettext("%(count)s new comment", "%(count)s new comments", count), count);
    if (first) {
      announce(counted(ngettext("%(count)s new comment. Press Show to see it.",
        "%(count)s new comments. Press Show to see them.", count), count));
    }
  };

  Thread.prototype.show = function () {
    var self = this;
    var wanted = this.waiting.splice(0, 50);
    var ids = wanted.map(function (w) { return w.id; }).sort(function (a, b) { return a - b; });
    var url = this.section.dataset.liveCards + "?ids=" + ids.join(",");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var found = new DOMParser().parseFromString(html, "text/html");
        var shown = [];
        keepingScroll(function () {
          wanted.forEach(function (w) {
            var li = found.getElementById("comment-" + w.id);
            if (li && !document.getElementById(li.id)) {
              var node = document.importNode(li, true);
              self.insert(node, w.parent);
              shown.push(node);
            }
          });
        });
        self.showBar();
        if (shown.length) {
          shown.forEach(function (li) {
            li.classList.add("comment--fresh");
            if (window.htmx) window.htmx.process(li);
            // What site.js and discussion.js do for content htmx brought in (relative times).
            li.dispatchEvent(new CustomEvent("htmx:afterSettle", { bubbles: true, detail: { target: li } }));
          });
          var card = shown[0].querySelector(".comment__card");
          if (card) {
            card.setAttribute("tabindex", "-1");
            card.focus({ preventScroll: true });
          }
          announce(counted(ngettext("%(count)s new comment shown.", "%(count)s new comments shown.",
            shown.length), shown.length));
        }
        if (self.bar) self.bar.querySelector("button").focus({ preventScroll: true });
      })
      .catch(function () {
        self.waiting = wanted.concat(self.waiting);
        announce(gettext("New comments could not be loaded. Reload the page to see them."));
      });
  };

  Thread.prototype.insert = function (li, parentId) {
    var newestFirst = this.sort === "newest";
    if (!parentId) {
      if (newestFirst) this.list.insertBefore(li, this.list.firstChild);
      else this.list.appendChild(li);
      return;
    }
    var parent = document.getElementById("comment-" + parentId);
    var replies = parent.querySelector(":scope > details.replies > ol, :scope > ol.comment-tree--nested");
    if (!replies) {
      // Past the nesting levels replies show beside their parent, after it.
      parent.parentNode.insertBefore(li, parent.nextSibling);
      return;
    }
    var details = replies.closest("details");
    if (details) details.open = true;
    if (newestFirst) replies.insertBefore(li, replies.firstChild);
    else replies.appendChild(li);
  };

  Thread.prototype.score = function (event) {
    var card = document.querySelector("#comment-" + event.comment + " > .comment__card");
    if (!card) return;
    var count = card.querySelector(".vote-count");
    if (count) { count.textContent = number(event.score); return; }
    var still = card.querySelector(".vote-static");
    if (still) {
      for (var i = 0; i < still.childNodes.length; i++) {
        var node = still.childNodes[i];
        if (node.nodeType === 3 && node.textContent.trim()) {
          node.textContent = " " + number(event.score);
          return;
        }
      }
    }
  };

  Thread.prototype.takeOff = function (event) {
    this.waiting = this.waiting.filter(function (w) { return w.id !== event.comment; });
    this.showBar();
    var li = document.getElementById("comment-" + event.comment);
    var card = li && li.querySelector(":scope > .comment__card");
    if (!card) return;
    card.classList.add("comment__card--leaving");
    window.setTimeout(function () {
      var placeholder = document.createElement("p");
      placeholder.className = "comment__placeholder";
      placeholder.textContent = event.status === "pending"
        ? gettext("This comment is hidden while moderators review it.")
        : gettext("This comment was removed.");
      if (card.isConnected) card.replaceWith(placeholder);
    }, 600);
  };

  // An edited comment on the page: its card is fetched again and replaces the old one.
  Thread.prototype.refreshCard = function (event) {
    var li = document.getElementById("comment-" + event.comment);
    var card = li && li.querySelector(":scope > .comment__card");
    if (!card) return;
    // Never under the reader's hands: a focused button or a reply being written stays put.
    if (card.contains(document.activeElement) && card !== document.activeElement) return;
    // "no-cache": the browser asks again (ETag) rather than reuse the card it fetched before.
    var url = this.section.dataset.liveCards + "?ids=" + event.comment;
    fetch(url, { credentials: "same-origin", cache: "no-cache" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        var found = new DOMParser().parseFromString(html, "text/html");
        var fresh = found.querySelector("#comment-" + event.comment + " > .comment__card");
        if (!fresh || !card.isConnected) return;
        var node = document.importNode(fresh, true);
        var focused = document.activeElement === card;
        keepingScroll(function () { card.replaceWith(node); });
        if (focused) {
          node.setAttribute("tabindex", "-1");
          node.focus({ preventScroll: true });
        }
        if (window.htmx) window.htmx.process(node);
        node.dispatchEvent(new CustomEvent("htmx:afterSettle", { bubbles: true, detail: { target: node } }));
      });
  };

  Thread.prototype.receive = function (event) {
    if (event.kind === "published" && this.placeable(event)) {
      if (!this.waiting.some(function (w) { return w.id === event.comment; })) {
        this.waiting.push({ id: event.comment, parent: event.parent });
        this.showBar();
      }
    } else if (event.kind === "voted") {
      this.score(event);
    } else if (event.kind === "removed") {
      this.takeOff(event);
    } else if (event.kind === "edited") {
      this.refreshCard(event);
    }
  };

  // The desk -------------------------------------------------------------------------

  function Desk(queue) {
    this.queue = queue;
    this.timer = null;
  }

  Desk.prototype.decided = function (event) {
    var item = document.getElementById("mod-item-" + event.comment);
    // This moderator's own decision was answered in place with its message.
    if (!item || item.querySelector(".mod-item__message") || item.classList.contains("mod-item--decided")) return;
    item.classList.add("mod-item--decided");
    var actions = item.querySelector(".mod-actions");
    var note = document.createElement("p");
    note.className = "message message--info mod-item__decided";
    note.textContent = decidedWords(event.status, event.by);
    if (actions) actions.replaceChildren(note);
    var box = item.querySelector(".mod-item__select");
    if (box) { box.checked = false; box.disabled = true; }
  };

  // Whole sentences, one for each outcome with and without the moderator's name, so each
  // language can order its words.
  function decidedWords(status, by) {
    var named = {
      published: gettext("Already approved by %(name)s just now; nothing to do here."),
      rejected: gettext("Already rejected by %(name)s just now; nothing to do here."),
      removed: gettext("Already removed by its author just now; nothing to do here."),
    }[status] || gettext("Already decided by %(name)s just now; nothing to do here.");
    var unnamed = {
      published: gettext("Already approved just now; nothing to do here."),
      rejected: gettext("Already rejected just now; nothing to do here."),
      removed: gettext("Already removed by its author just now; nothing to do here."),
    }[status] || gettext("Already decided just now; nothing to do here.");
    return by ? interpolate(named, { name: by }, true) : unnamed;
  }

  // Fetch the desk page as it is now: counts, and items this page does not show yet.
  Desk.prototype.refresh = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { if (html) self.merge(new DOMParser().parseFromString(html, "text/html")); });
    }, 300);
  };

  // Threads that went into slow mode by themselves: the alerts are the fresh page's (its
  // words are the server's, in the page's language); a new one is announced once.
  Desk.prototype.alerts = function (fresh) {
    var now = document.getElementById("desk-alerts");
    var then = fresh.getElementById("desk-alerts");
    if (!now || !then) return;
    var added = Array.from(then.querySelectorAll(".desk-alert")).filter(function (alert) {
      return !document.getElementById(alert.id);
    });
    now.replaceChildren.apply(now, Array.from(then.childNodes).map(function (n) { return document.importNode(n, true); }));
    added.forEach(function (alert) { announce(alert.textContent.trim()); });
  };

  Desk.prototype.merge = function (fresh) {
    this.alerts(fresh);
    ["count-pending", "count-reported", "count-rejected", "count-featured", "desk-title-count"].forEach(function (id) {
      var now = document.getElementById(id);
      var then = fresh.getElementById(id);
      if (now && then) { now.textContent = then.textContent; now.className = then.className; }
    });
    var list = this.queue.querySelector(".mod-list");
    var freshList = fresh.querySelector(".mod-list");
    if (!freshList) return;
    if (!list) {
      // The queue was empty: nothing on it to keep in place, take the new one as it is.
      var freshQueue = fresh.querySelector(".desk-queue");
      if (freshQueue) this.queue.replaceChildren.apply(this.queue, Array.from(freshQueue.childNodes).map(function (n) { return document.importNode(n, true); }));
      announce(gettext("New comments in this queue."));
      return;
    }
    var added = 0;
    var items = Array.from(freshList.children);
    keepingScroll(function () {
      items.forEach(function (li, index) {
        var article = li.querySelector(".mod-item");
        if (!article || document.getElementById(article.id)) return;
        var node = document.importNode(li, true);
        var next = null;
        for (var i = index + 1; i < items.length && !next; i++) {
          var later = items[i].querySelector(".mod-item");
          var here = later && document.getElementById(later.id);
          if (here) next = here.closest("li");
        }
        list.insertBefore(node, next);
        node.classList.add("mod-list__new");
        if (window.htmx) window.htmx.process(node);
        // moderation.js binds its confirmations to content htmx swapped in.
        node.dispatchEvent(new CustomEvent("htmx:afterSwap", { bubbles: true, detail: { target: node } }));
        added++;
      });
    });
    if (added) {
      announce(counted(ngettext("%(count)s new comment in this queue.",
        "%(count)s new comments in this queue.", added), added));
    }
  };

  Desk.prototype.receive = function (event) {
    if (event.kind === "decided") this.decided(event);
    this.refresh();
  };

  // Streams ----------------------------------------------------------------------------

  function follow(url, target, element) {
    var source = null;
    var lastId = "";
    var retry = null;
    function connect() {
      retry = null;
      // A new EventSource sends no Last-Event-ID: the last id seen goes in the query instead.
      source = new EventSource(lastId ? url + "?last=" + encodeURIComponent(lastId) : url);
      // Marks the page as following (the browser tests wait for it).
      source.onopen = function () { element.setAttribute("data-live-open", ""); };
      source.onmessage = function (message) {
        if (message.lastEventId) lastId = message.lastEventId;
        try { target.receive(JSON.parse(message.data)); } catch (error) { /* a bad event is skipped */ }
      };
      // Missed too much (the server kept no record that far back): say so, never reload by force.
      source.addEventListener("reload", function () {
        source.close();
        announce(gettext("This page has missed some updates. Reload it to see everything."));
      });
      // The browser retries a dropped stream by itself, but gives up on a refusal (too many
      // streams: 429 or 503): try again later, at a random moment so refusals don't bunch up.
      source.onerror = function () {
        if (source.readyState === EventSource.CLOSED && !retry) {
          retry = window.setTimeout(connect, 15000 + Math.random() * 30000);
        }
      };
    }
    connect();
    window.addEventListener("pagehide", function () { source.close(); });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && source.readyState === EventSource.CLOSED) connect();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var section = document.querySelector("[data-live-events]");
    if (section && section.querySelector("#comments")) {
      follow(section.dataset.liveEvents, new Thread(section), section);
    }
    var queue = document.querySelector("[data-live-desk]");
    if (queue && !queue.dataset.liveFollowed) {
      queue.dataset.liveFollowed = "1";
      follow(queue.dataset.liveDesk, new Desk(queue), queue);
    }
  });
})();
