// Length limits on what people write. A field's limit is data-count-max, never maxlength,
// with which the browser cuts a pasted text short without a word. Under each limited field
// a count says how much is left; a form holding a text over its limit is not sent: the
// message says so beside the count, and the whole text stays in the field. Without this
// file the server refuses such a text and sends it back whole in the form.
(function () {
  "use strict";
  // The words come from Django's JavaScript catalogue when the page loads it; English otherwise.
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
  function limitOf(field) { return parseInt(field.getAttribute("data-count-max"), 10) || 0; }
  function describedBy(field) {
    return (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  }
  function describe(field, id) {
    var ids = describedBy(field);
    if (ids.indexOf(id) < 0) ids.unshift(id);
    field.setAttribute("aria-describedby", ids.join(" "));
  }
  // The composer has a count of its own (discussion.js): the element with data-count-max
  // that describes it. Other fields get a plain one, made here.
  function countOf(field) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/);
    for (var i = 0; i < ids.length; i++) {
      var element = ids[i] && document.getElementById(ids[i]);
      if (element && element.hasAttribute("data-count-max")) return element;
    }
    var id = field.id + "-count";
    var count = document.getElementById(id);
    if (count) return count;
    count = document.createElement("p");
    count.className = "char-count";
    count.id = id;
    count.setAttribute("aria-live", "polite");
    var help = document.getElementById(field.id + "_helptext");
    (help || field).insertAdjacentElement("afterend", count);
    describe(field, id);
    return count;
  }
  function update(field) {
    var count = countOf(field);
    var max = limitOf(field);
    var over = field.value.length - max;
    if (!count.hasAttribute("data-count-max")) {
      count.textContent = over > 0
        ? interpolate(ngettext("%(count)s character too many", "%(count)s characters too many", over),
          { count: number(over) }, true)
        : interpolate(ngettext("%(used)s of %(count)s character used", "%(used)s of %(count)s characters used", max),
          { used: number(field.value.length), count: number(max) }, true);
      count.classList.toggle("char-count--full", over > 0);
    }
    var message = document.getElementById(field.id + "-limit");
    if (message && over <= 0) {
      // Short enough again: the refusal is over; the field is as the server left it.
      message.remove();
      field.setAttribute("aria-describedby", describedBy(field).filter(function (id) {
        return id !== message.id;
      }).join(" "));
      if (field.hasAttribute("data-limit-invalid")) {
        field.removeAttribute("data-limit-invalid");
        field.removeAttribute("aria-invalid");
      }
    }
  }
  function refuse(field) {
    var count = countOf(field);
    var id = field.id + "-limit";
    var message = document.getElementById(id);
    if (!message) {
      message = document.createElement("p");
      message.id = id;
      message.className = "error-message limit-message";
      count.insertAdjacentElement("beforebegin", message);
      describe(field, id);
    }
    var over = field.value.length - limitOf(field);
    message.textContent = interpolate(ngettext(
      "Not sent: your text is %(count)s character over the limit of %(limit)s. Shorten it, then send it again. All of your text is still here.",
      "Not sent: your text is %(count)s characters over the limit of %(limit)s. Shorten it, then send it again. All of your text is still here.",
      over), { count: number(over), limit: number(limitOf(field)) }, true);
    if (!field.hasAttribute("aria-invalid")) field.setAttribute("data-limit-invalid", "");
    field.setAttribute("aria-invalid", "true");
    // The member is at the button they pressed, below the text: the message and the count
    // stay in view there, however tall a long text makes the field.
    field.focus({ preventScroll: true });
    message.scrollIntoView({ block: "center" });
    if (window.site) window.site.announce(message.textContent);
  }
  function limited(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll("textarea[data-count-max], input[data-count-max]"),
      function (field) { return field.id && limitOf(field) > 0; }
    );
  }
  // Capturing on the document, before htmx's own listener on the form sees the submit.
  document.addEventListener("submit", function (event) {
    var over = limited(event.target).filter(function (field) {
      return field.value.length > limitOf(field);
    });
    if (!over.length) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    refuse(over[0]);
  }, true);
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-count-max]") && field.id) update(field);
  });
  function start(root) { limited(root).forEach(update); }
  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:afterSwap", function (event) { start(event.detail.target); });
})();
