// "Copy link" beside the verdict page's address. Without this script the button stays
// hidden and the read-only field can be selected and copied by hand.
"use strict";
(function () {
  var button = document.querySelector("button[data-copies]");
  if (!button || !navigator.clipboard) return;
  var field = document.getElementById(button.getAttribute("data-copies"));
  var said = button.parentNode.querySelector(".share-copied");
  if (!field) return;
  button.hidden = false;
  field.addEventListener("focus", function () { field.select(); });
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      if (said) said.textContent = "Link copied.";
    }, function () {
      field.select();
      if (said) said.textContent = "Press Ctrl+C (or ⌘C) to copy the selected link.";
    });
  });
})();
