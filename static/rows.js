// "Add appearance" and "Add source": a new empty row appears in place, numbered after the
// last, with the focus in its link. Without this script the buttons send the form, which
// comes back with one more row and nothing saved.
"use strict";
(function () {
  var form = document.getElementById("fact-check-form");
  if (!form) return;

  // The highest row number the form uses for `kind`, so a new row never takes a taken one
  // (rows shown again after a refusal may be numbered with gaps).
  function lastNumber(list, kind) {
    var pattern = new RegExp("^" + kind + "\\.(\\d+)\\.");
    var last = -1;
    list.querySelectorAll("[name]").forEach(function (field) {
      var match = pattern.exec(field.name);
      if (match) last = Math.max(last, Number(match[1]));
    });
    return last;
  }

  function renumber(row, kind, n) {
    var names = new RegExp("^" + kind + "\\.\\d+\\.");
    var ids = new RegExp("^" + kind + "-\\d+-");
    function id(value) { return value.replace(ids, kind + "-" + n + "-"); }
    row.querySelectorAll("[name]").forEach(function (field) {
      field.name = field.name.replace(names, kind + "." + n + ".");
    });
    row.querySelectorAll("[id]").forEach(function (element) { element.id = id(element.id); });
    row.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = id(label.htmlFor);
    });
    row.querySelectorAll("[aria-describedby]").forEach(function (element) {
      var described = element.getAttribute("aria-describedby").split(" ").map(id);
      element.setAttribute("aria-describedby", described.join(" "));
    });
    // A "Fetch details" button names its row by number.
    row.querySelectorAll("button[value]").forEach(function (button) { button.value = String(n); });
  }

  // The copied row says nothing of the row it was copied from: no values, no problems,
  // no findings about its link.
  function blank(row) {
    row.querySelectorAll(".field-error, .row-evidence").forEach(function (p) { p.remove(); });
    row.querySelectorAll(".fetch-status").forEach(function (p) { p.textContent = ""; });
    row.querySelectorAll(".has-error").forEach(function (e) { e.classList.remove("has-error"); });
    row.querySelectorAll("[aria-invalid]").forEach(function (field) {
      field.removeAttribute("aria-invalid");
      var described = (field.getAttribute("aria-describedby") || "").split(" ")
        .filter(function (name) { return name && !/-error$/.test(name); });
      if (described.length) field.setAttribute("aria-describedby", described.join(" "));
      else field.removeAttribute("aria-describedby");
    });
    row.querySelectorAll("input, textarea").forEach(function (field) {
      if (field.type === "checkbox") field.checked = false;
      else field.value = "";
    });
  }

  form.querySelectorAll("fieldset[data-rows]").forEach(function (list) {
    var kind = list.getAttribute("data-rows");
    var button = list.querySelector("button[name=add_row]");
    if (!button) return;
    button.addEventListener("click", function (event) {
      var rows = list.querySelectorAll(".row-card");
      if (!rows.length) return;
      event.preventDefault();
      var row = rows[rows.length - 1].cloneNode(true);
      var n = lastNumber(list, kind) + 1;
      renumber(row, kind, n);
      blank(row);
      var title = row.querySelector(".row-title");
      if (title) title.textContent = title.textContent.replace(/\d+$/, String(rows.length + 1));
      rows[rows.length - 1].after(row);
      var first = row.querySelector("input[type=url]") || row.querySelector("input, textarea");
      if (first) first.focus();
    });
  });
})();
