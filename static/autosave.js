// Autosave: once the form has changed, it is sent to the editor's own autosave slot every
// ~20 s (the interval comes from the page), so a closed tab or a crash loses little. A slot
// is not a save: nothing is published, no revision is made, and the fact-check itself is
// never touched. Typing also puts away the offer to restore an earlier autosave, as what is
// typed now replaces it in the slot.
"use strict";
(function () {
  var status = document.getElementById("autosave-status");
  var form = status && status.closest("form");
  if (!form) return;
  var endpoint = status.getAttribute("data-autosave");
  var every = (Number(status.getAttribute("data-every")) || 20) * 1000;
  var factCheck = status.getAttribute("data-fact-check") || "";
  var offer = document.getElementById("autosave-offer");
  var changed = false;
  var timer = null;
  var sending = false;
  var stopped = false;
  var inFlight = null;

  function clock(rfc3339) {
    var at = new Date(rfc3339);
    return isNaN(at) ? "" : at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function schedule() {
    if (timer === null) timer = setTimeout(send, every);
  }

  function send() {
    timer = null;
    if (!changed || sending || stopped) return;
    changed = false;
    sending = true;
    var body = new URLSearchParams(new FormData(form));
    body.set("fact_check", factCheck);
    inFlight = typeof AbortController === "function" ? new AbortController() : null;
    fetch(endpoint, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json" },
      signal: inFlight ? inFlight.signal : undefined
    })
      .then(function (response) {
        // Refused for good (signed out, no longer this editor's to change): trying again
        // every 20 s would only be refused again.
        if (response.status >= 400 && response.status < 500 &&
            response.status !== 408 && response.status !== 429) stopped = true;
        if (!response.ok) throw new Error(String(response.status || "signed out"));
        return response.json();
      })
      .then(function (answer) {
        status.textContent = "Autosaved " + clock(answer.saved_at);
        status.classList.remove("warning");
      })
      .catch(function () {
        // Kept for the next try: what was typed is still unsaved.
        changed = true;
        status.textContent = "Not autosaved: save to keep your changes.";
        status.classList.add("warning");
      })
      .then(function () {
        sending = false;
        inFlight = null;
        if (changed && !stopped) schedule();
      });
  }

  function edited(event) {
    if (event.target && event.target.name === "csrf") return;
    changed = true;
    if (offer) {
      offer.hidden = true;
      offer = null;
    }
    schedule();
  }
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  // A save sends the form itself: an autosave landing after it would only be an old copy,
  // offered back on the next visit. (A preview opens in another tab; this page stays.)
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    setTimeout(function () {
      if (event.defaultPrevented || (submitter && submitter.formTarget === "_blank")) return;
      clearTimeout(timer);
      timer = null;
      stopped = true;
      // One already on its way would land after the save and be offered back as unsaved.
      if (inFlight) inFlight.abort();
    }, 0);
  });
})();
