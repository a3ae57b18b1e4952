// Times are stated in the workshop's zone. This adds one control to the header that shows every
// <time> with a clock time in the reader's zone instead (their datetime attributes carry the
// offset), and back; the choice is remembered. Without JavaScript nothing changes.
(function () {
  "use strict";
  var key = "archive-times-in";
  var reader = Intl.DateTimeFormat().resolvedOptions().timeZone || "your time zone";

  function remembered() {
    try { return localStorage.getItem(key) === "reader"; } catch (error) { return false; }
  }

  function remember(inReaders) {
    try { localStorage.setItem(key, inReaders ? "reader" : "workshop"); } catch (error) { /* private mode */ }
  }

  var clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  var long = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric" });

  // "Tuesday 20 October 2020", as the pages write days.
  function day(date) {
    var parts = {};
    long.formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.weekday + " " + parts.day + " " + parts.month + " " + parts.year;
  }
  var zoneName = new Intl.DateTimeFormat("en-GB", { timeZoneName: "short" });

  function readersZoneLabel(date) {
    var part = zoneName.formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; })[0];
    return part ? part.value : reader;
  }

  function apply(inReaders) {
    var first = null;
    document.querySelectorAll("time[datetime]").forEach(function (element) {
      var value = element.getAttribute("datetime");
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?([+-]\d\d:\d\d|Z)$/.test(value)) return;
      if (!element.hasAttribute("data-workshop-time")) element.setAttribute("data-workshop-time", element.textContent);
      var original = element.getAttribute("data-workshop-time");
      if (!inReaders) { element.textContent = original; return; }
      var date = new Date(value);
      if (first === null) first = date;
      element.textContent = original.indexOf(",") >= 0 ? day(date) + ", " + clock.format(date) : clock.format(date);
    });
    var label = readersZoneLabel(first || new Date());
    document.querySelectorAll(".tz, .tz-note").forEach(function (element) {
      if (!element.hasAttribute("data-workshop-text")) element.setAttribute("data-workshop-text", element.textContent);
      element.textContent = !inReaders ? element.getAttribute("data-workshop-text") :
        element.classList.contains("tz") ? label : "Times are shown in your time zone, " + reader + " (" + label + ").";
    });
    var button = document.getElementById("time-zone-switch");
    if (button) {
      button.setAttribute("aria-pressed", inReaders ? "true" : "false");
      button.textContent = inReaders ? "Times: yours (" + reader + ")" : "Times: the workshop's";
      button.title = inReaders ? "Show the workshop's local times" : "Show times in your time zone, " + reader;
    }
  }

  function start() {
    var header = document.querySelector(".site-header .wrap");
    if (!header) return;
    var button = document.createElement("button");
    button.type = "button";
    button.id = "time-zone-switch";
    button.className = "time-zone-switch";
    header.appendChild(button);
    var inReaders = remembered();
    button.addEventListener("click", function () {
      inReaders = !inReaders;
      remember(inReaders);
      apply(inReaders);
    });
    apply(inReaders);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
