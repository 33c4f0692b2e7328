// The media picker: beside each image's Markdown, a button that inserts it into the
// explanation at the cursor. Without this script the Markdown is there to copy.
"use strict";
(function () {
  const body = document.getElementById("body");
  if (!body) return;
  for (const code of document.querySelectorAll("code.media-markdown[data-markdown]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary button-small";
    button.textContent = "Insert into explanation";
    button.addEventListener("click", function () {
      const markdown = code.dataset.markdown;
      const start = body.selectionStart ?? body.value.length;
      const end = body.selectionEnd ?? start;
      body.setRangeText(markdown, start, end, "end");
      body.dispatchEvent(new Event("input", { bubbles: true }));
      body.focus();
    });
    code.after(" ", button);
  }
})();
