// Cairn agent UI: small conveniences on top of pages that already work without script.
// Times are rendered in UTC on the server and shown here in the viewer's own time zone;
// the inbox refreshes itself; destructive forms ask first.
(function () {
  "use strict";

  var lang = document.documentElement.lang || "en";

  function formatter(options) {
    try {
      return new Intl.DateTimeFormat(lang, options);
    } catch (e) {
      return null;
    }
  }

  var full = formatter({ dateStyle: "medium", timeStyle: "short" });
  var day = formatter({ dateStyle: "medium" });

  function localTimes(root) {
    if (!full || !day) return;
    root.querySelectorAll("time[data-local]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when.getTime())) return;
      if (!el.title) el.title = el.textContent;
      el.textContent = (el.getAttribute("data-local") === "date" ? day : full).format(when);
    });
  }

  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });

  function autoRefresh() {
    var box = document.querySelector("[data-autorefresh]");
    if (!box || !window.fetch || !window.DOMParser) return;
    var seconds = parseInt(box.getAttribute("data-autorefresh"), 10) || 15;
    var timer = setInterval(function () {
      if (document.visibilityState !== "visible") return;
      fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          // Signed out meanwhile: stop, the next click shows the sign-in page.
          if (!response.ok || response.redirected) {
            clearInterval(timer);
            throw new Error("stopped");
          }
          return response.text();
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-autorefresh]");
          var current = document.querySelector("[data-autorefresh]");
          if (fresh && current) {
            var adopted = document.importNode(fresh, true);
            current.replaceWith(adopted);
            localTimes(adopted);
          }
        })
        .catch(function () {});
    }, seconds * 1000);
  }

  localTimes(document);
  autoRefresh();
})();
