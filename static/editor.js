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
