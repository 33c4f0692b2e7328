// Cards show the exact date a fact-check was published, so a kept page (and its ETag) is
// the same at any hour. Here, in the browser, recent dates become "5 minutes ago", as the
// server used to write them; the exact time stays in the title. Past a week, or without
// JavaScript, the date stands as written. The words are the browser's own for the language
// the time is written in (the nearest `lang`), "hace 5 minutos" on a Spanish page.
"use strict";
(function () {
  var MINUTE = 60, HOUR = 3600, DAY = 86400, WEEK = 604800;
  function wording(seconds, lang) {
    if (seconds < 0 || seconds >= WEEK) return null;
    var say;
    try {
      say = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
    } catch (e) {
      say = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
    }
    if (seconds < MINUTE) return say.format(0, "second");
    if (seconds < HOUR) return say.format(-Math.floor(seconds / MINUTE), "minute");
    if (seconds < DAY) return say.format(-Math.floor(seconds / HOUR), "hour");
    return say.format(-Math.floor(seconds / DAY), "day");
  }
  function reword() {
    var times = document.querySelectorAll("time[data-relative]");
    for (var i = 0; i < times.length; i++) {
      var time = times[i];
      if (!time.hasAttribute("data-date")) time.setAttribute("data-date", time.textContent);
      var then = Date.parse(time.getAttribute("datetime"));
      if (isNaN(then)) continue;
      var written = time.closest("[lang]");
      var lang = written ? written.getAttribute("lang") : "en";
      var said = wording(Math.floor((Date.now() - then) / 1000), lang);
      time.textContent = said === null ? time.getAttribute("data-date") : said;
    }
  }
  reword();
  setInterval(reword, 60000);
})();
