// Progressive enhancement only: every page works without this file.
// Pickers: filter a long checkbox list as you type (matches label, code and hints).
(function () {
  function enhance(root) {
    root.querySelectorAll("[data-picker-search]").forEach(function (input) {
      if (input.dataset.ready) return;
      input.dataset.ready = "1";
      input.hidden = false;
      var picker = input.closest(".picker");
      input.addEventListener("input", function () {
        var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        picker.querySelectorAll("label[data-picker-text]").forEach(function (label) {
          var text = label.dataset.pickerText;
          var checked = label.querySelector("input").checked;
          label.hidden = !checked && !words.every(function (w) { return text.indexOf(w) !== -1; });
        });
        picker.querySelectorAll(".picker-group").forEach(function (group) {
          group.hidden = !group.querySelector("label:not([hidden])");
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target); });
})();

// The language switcher: choosing a language is enough (its button is there for pages without JS).
document.documentElement.classList.add("js");
document.addEventListener("change", function (event) {
  var form = event.target.closest("form[data-autosubmit]");
  if (form) form.submit();
});

// Print buttons (no inline onclick: the Content-Security-Policy forbids inline script).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});

// Progressive web app (static/sw.js, served at /sw.js): the personal agenda and the counterparts'
// profiles stay readable offline. <body data-user> says who this page was made for ("" = nobody);
// the worker keeps pages only in that person's cache and drops everyone else's. A page without the
// attribute (e.g. a 404 answered before the login was looked at) tells the worker nothing.
(function () {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js").catch(function () { /* the site works without it */ });

  function tell(message) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  var user = null;
  document.addEventListener("DOMContentLoaded", function () {
    user = document.body.getAttribute("data-user");
    if (user !== null) tell({type: "user", id: user});
  });
  window.addEventListener("load", function () {
    if (!user || !/^\/forums\/\d+\/agenda$/.test(location.pathname)) return;
    var urls = [];
    document.querySelectorAll('.agenda-table a[href^="/smes/"], .agenda-table a[href^="/investors/"]')
      .forEach(function (link) { urls.push(link.getAttribute("href")); });
    if (urls.length) tell({type: "keep-profiles", user: user, urls: urls});
  });
})();
