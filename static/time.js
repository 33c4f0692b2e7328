// Cards show the exact date a fact-check was published, so a kept page (and its ETag) is
// the same at any hour. Here, in the browser, recent dates become "5 minutes ago", as the
// server used to write them; the exact time stays in the title. Past a week, or without
// JavaScript, the date stands as written.
"use strict";
(function () {
  var MINUTE = 60, HOUR = 3600, DAY = 86400, WEEK = 604800;
  function ago(n, unit) {
    return n === 1 ? "1 " + unit + " ago" : n + " " + unit + "s ago";
  }
  function wording(seconds) {
    if (seconds < 0 || seconds >= WEEK) return null;
    if (seconds < MINUTE) return "just now";
    if (seconds < HOUR) return ago(Math.floor(seconds / MINUTE), "minute");
    if (seconds < DAY) return ago(Math.floor(seconds / HOUR), "hour");
    return ago(Math.floor(seconds / DAY), "day");
  }
  function reword() {
    var times = document.querySelectorAll("time[data-relative]");
    for (var i = 0; i < times.length; i++) {
      var time = times[i];
      if (!time.hasAttribute("data-date")) time.setAttribute("data-date", time.textContent);
      var then = Date.parse(time.getAttribute("datetime"));
      if (isNaN(then)) continue;
      var said = wording(Math.floor((Date.now() - then) / 1000));
      time.textContent = said === null ? time.getAttribute("data-date") : said;
    }
  }
  reword();
  setInterval(reword, 60000);
})();
