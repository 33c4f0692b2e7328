// Paste a link, get a source: when an editor pastes an address into a source's or an
// appearance's link, or types one and leaves the field, the server fetches the page and
// the row's EMPTY fields fill in place; what the editor typed is never replaced. The
// server does the fetching because a browser may not read another site's page. Without
// this script the row's "Fetch details" button does the same by sending the form.
"use strict";
(function () {
  var form = document.querySelector("form[data-fetch-details]");
  if (!form) return;
  var endpoint = form.getAttribute("data-fetch-details");
  var csrf = form.querySelector("input[name=csrf]");
  var filled = { source: ["outlet", "title", "authors", "date"], appearance: ["platform", "date"] };
  // The address each link field last asked about: leaving a field twice asks once.
  var asked = new WeakMap();

  // Listening on the form, not on each field, so rows added later work too.
  function rowOf(field) {
    var match = /^(source|appearance)\.(\d+)\.url$/.exec(field.name || "");
    return match && { kind: match[1], prefix: match[1] + "." + match[2] + "." };
  }

  function statusFor(field) {
    var id = field.id + "-fetch-status";
    var status = document.getElementById(id);
    if (!status) {
      status = document.createElement("p");
      status.id = id;
      status.className = "fetch-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      field.parentNode.appendChild(status);
    }
    return status;
  }

  function say(status, text, failed) {
    status.textContent = text;
    status.classList.toggle("warning", !!failed);
  }

  function lookUp(field) {
    var row = rowOf(field);
    var address = field.value.trim();
    // Half-typed addresses are not worth a request.
    if (!row || !/^https?:\/\/[^\/\s]+/i.test(address) || asked.get(field) === address) return;
    asked.set(field, address);
    var status = statusFor(field);
    say(status, "Fetching the page’s details…");
    var body = new URLSearchParams();
    body.set("csrf", csrf ? csrf.value : "");
    body.set("url", address);
    body.set("kind", row.kind);
    fetch(endpoint, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        // A refusal from before the handler (a cross-site check, a size limit) is a page,
        // not JSON: say what status it was.
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        }, function () {
          return { ok: false, answer: { error: { message: "Factdesk answered " + response.status } } };
        });
      })
      .then(function (result) {
        // The editor changed the link while it was fetched: this answer is about another page.
        if (field.value.trim() !== address) return;
        if (!result.ok) {
          // A site that failed may answer next time: leaving the field again tries again.
          asked.delete(field);
          var why = result.answer && result.answer.error ? result.answer.error.message : "";
          say(status, "Could not fetch its details: " + why + ". Type them by hand.", true);
          return;
        }
        filled[row.kind].forEach(function (name) {
          var target = form.elements[row.prefix + name];
          var value = result.answer[name];
          if (target && value && target.value.trim() === "") target.value = value;
        });
        say(status, result.answer.summary);
      })
      .catch(function () {
        asked.delete(field);
        say(status, "Could not fetch its details: Factdesk did not answer. Type them by hand.", true);
      });
  }

  form.addEventListener("paste", function (event) {
    var field = event.target;
    if (!rowOf(field)) return;
    // The pasted text is in the field only once the event is over.
    setTimeout(function () { lookUp(field); }, 0);
  });
  form.addEventListener("change", function (event) {
    if (rowOf(event.target)) lookUp(event.target);
  });
})();
