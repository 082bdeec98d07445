// eventwire web UI: mark the evidence sentence of the event named in the URL (#ev-<id>).
// No library; the page works without it (the link still jumps to the trigger).
"use strict";

function showEvidence() {
  document.querySelectorAll(".evidence").forEach(function (el) { el.classList.remove("evidence"); });
  document.querySelectorAll(".event-list a.selected").forEach(function (el) { el.classList.remove("selected"); });
  var hash = decodeURIComponent(window.location.hash || "");
  if (hash.indexOf("#ev-") !== 0) { return; }
  var id = hash.slice(4);
  var first = null;
  document.querySelectorAll("[data-ev]").forEach(function (el) {
    if (el.getAttribute("data-ev").split(" ").indexOf(id) >= 0) {
      el.classList.add("evidence");
      if (first === null) { first = el; }
    }
  });
  document.querySelectorAll(".event-list a[data-event]").forEach(function (el) {
    if (el.getAttribute("data-event") === id) { el.classList.add("selected"); }
  });
  if (first !== null) { first.scrollIntoView({ block: "center" }); }
}

window.addEventListener("hashchange", showEvidence);
document.addEventListener("DOMContentLoaded", showEvidence);
