// Live length note under the claim: search engines show about 75 characters of a claim,
// so the editor sees when it runs over while typing. The server renders the same note, so
// without this script the warning appears after saving.
"use strict";
(function () {
  var field = document.getElementById("claim_text");
  var note = document.getElementById("claim_text-length");
  if (!field || !note) return;
  var limit = Number(note.getAttribute("data-limit")) || 75;
  function update() {
    var length = Array.from(field.value.trim()).length;
    var over = length > limit;
    note.classList.toggle("warning", over);
    note.textContent = over
      ? "This claim is " + length + " characters long: search results may cut it after " + limit + "."
      : length + " of " + limit + " characters search results show.";
  }
  field.addEventListener("input", update);
})();

// Typed work is not lost by leaving: the browser asks first when the fact-check form holds
// changes that were not sent. Ctrl+S (⌘S on a Mac) saves, as in every editor.
(function () {
  var form = document.getElementById("fact-check-form");
  if (!form) return;
  // The bar's Save is its one button that names no workflow step.
  var save = form.querySelector(".action-bar button:not([name])");
  // Empty fields are left out, so a new empty row is not a change.
  function typed() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value.trim() !== "") pairs.push(name + "=" + value);
    });
    return pairs.join("&");
  }
  var asOpened = typed();
  var sending = false;
  form.addEventListener("submit", function (event) {
    // Preview opens in another tab: this page, and what is typed in it, stays.
    var button = event.submitter;
    if (button && button.getAttribute("formtarget") === "_blank") return;
    sending = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (sending || typed() === asOpened) return;
    event.preventDefault();
    event.returnValue = "";
  });
  document.addEventListener("keydown", function (event) {
    var s = event.key === "s" || event.key === "S";
    if (!s || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    event.preventDefault();
    if (save) form.requestSubmit(save);
  });
})();
