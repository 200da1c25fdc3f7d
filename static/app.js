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

// Print buttons (no inline onclick: the Content-Security-Policy forbids inline script).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
