// "Already checked?": as the claim is typed, asks the server which fact-checks have a
// similar claim and shows them beside it, each with its rating and a button that carries
// this form's appearances over to it. Without this script the same list comes with every
// render of the form (after a save, a refused save, "Fetch details").
"use strict";
(function () {
  var claim = document.getElementById("claim_text");
  var box = document.getElementById("similar-box");
  if (!claim || !box) return;
  var section = document.getElementById("similar");
  var list = document.getElementById("similar-list");
  var except = box.getAttribute("data-except") || "";
  var timer = null;
  var asked = claim.value.trim();
  // Answers can come back out of order; only the newest question's answer is shown.
  var latest = 0;

  function item(found) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = found.edit;
    link.textContent = found.headline;
    var badge = document.createElement("span");
    badge.className = "badge rating-" + found.rating_slug;
    badge.textContent = found.rating;
    var status = document.createElement("span");
    status.className = "small";
    status.textContent = found.status;
    li.append(link, " ", badge, " ", status);
    if (found.can_open) {
      var add = document.createElement("button");
      add.type = "submit";
      add.className = "link-button";
      add.formAction = "/editor/fact-checks/" + found.id + "/add-appearance";
      add.formNoValidate = true;
      add.textContent = "Add this appearance to \u201c" + found.headline + "\u201d";
      li.append(" ", add);
    }
    return li;
  }

  function show(matches) {
    list.replaceChildren.apply(list, matches.map(item));
    section.hidden = matches.length === 0;
  }

  function ask() {
    var text = claim.value.trim();
    if (text === asked) return;
    asked = text;
    var mine = ++latest;
    if (text === "") {
      show([]);
      return;
    }
    var url = "/editor/similar?claim=" + encodeURIComponent(text.slice(0, 2000)) +
      (except ? "&except=" + encodeURIComponent(except) : "");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && mine === latest) show(body.matches);
      })
      .catch(function () { /* the list saved with the form stays */ });
  }

  claim.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
})();
