// Progressive enhancements shared by every page. Everything works without this file.
(function () {
  "use strict";
  // Let htmx know about our CSRF token for every request it makes.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var cookie = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    var value = token ? token.value : cookie ? decodeURIComponent(cookie[1]) : null;
    if (value) event.detail.headers["X-CSRFToken"] = value;
  });
})();
