// Live preview of the explanation: while the editor types, the server renders the Markdown
// with the published page's own renderer and sanitizer, and the panel under the field shows
// it. The server does it so the preview can never differ from the page. Without this script
// the form's Preview button shows the whole page.
"use strict";
(function () {
  var panel = document.getElementById("body-preview");
  var field = document.getElementById("body");
  if (!panel || !field || !field.form) return;
  var endpoint = panel.getAttribute("data-markdown-preview");
  var csrf = field.form.elements.namedItem("csrf");
  var timer = null;
  var shown = null;

  function render() {
    var text = field.value;
    if (text === shown) return;
    shown = text;
    var body = new URLSearchParams();
    body.set("csrf", csrf ? csrf.value : "");
    body.set("body", text);
    fetch(endpoint, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        return response.text().then(function (html) {
          return { status: response.status, html: html };
        });
      })
      .then(function (answer) {
        // Typed on since: a newer answer is on its way.
        if (field.value !== text) return;
        if (answer.status === 200 || answer.status === 422) {
          // The fragment is the server's sanitized rendering (or its escaped message).
          panel.innerHTML = answer.html;
        } else if (answer.status === 413) {
          panel.textContent = "This explanation is too long to preview.";
        } else {
          panel.textContent = "The preview is not available now (Factdesk answered " +
            (answer.status || "with a redirect: sign in again") + ").";
        }
      }, function () {
        shown = null;
        panel.textContent = "The preview is not available: Factdesk could not be reached.";
      });
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(render, 300);
  });
  document.getElementById("body-preview-box").hidden = false;
  render();
})();
