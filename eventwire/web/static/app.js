// eventwire web UI: mark the evidence sentence of the event named in the URL (#ev-<id>); offer every
// table and chart as a file.
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

// Downloads: every table as CSV, every chart as SVG or PNG, made in the browser from what the page shows.
// A table's file name is its data-name (else the heading above it); a cell's data-csv, when set, is its
// full value (the page may shorten it); a column whose header has class no-csv is left out.

function slug(text) {
  return (text || "table").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "table";
}

function csvCell(text) {
  var value = text.replace(/\s+/g, " ").trim();
  // A spreadsheet would run a cell starting with = + - @ as a formula; numbers stay numbers.
  if (/^[=+\-@]/.test(value) && !/^[-+]?\d+(\.\d+)?$/.test(value)) { value = "'" + value; }
  return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

function tableCsv(table) {
  var skip = [];
  table.querySelectorAll("thead th").forEach(function (th, i) {
    if (th.classList.contains("no-csv")) { skip.push(i); }
  });
  var lines = [];
  table.querySelectorAll("tr").forEach(function (row) {
    var cells = Array.prototype.slice.call(row.querySelectorAll("th, td"));
    if (cells.length === 1 && cells[0].classList.contains("empty")) { return; }
    var out = [];
    cells.forEach(function (cell, i) {
      if (skip.indexOf(i) >= 0) { return; }
      var full = cell.getAttribute("data-csv");
      out.push(csvCell(full !== null ? full : cell.textContent));
    });
    lines.push(out.join(","));
  });
  return lines.join("\r\n") + "\r\n";
}

function tableName(table) {
  if (table.getAttribute("data-name")) { return slug(table.getAttribute("data-name")); }
  var node = table;
  while (node) {
    var before = node.previousElementSibling;
    while (before) {
      if (/^H[1-3]$/.test(before.tagName)) { return slug(before.textContent); }
      before = before.previousElementSibling;
    }
    node = node.parentElement;
  }
  return slug(document.title.split("·")[0]);
}

function save(name, blob) {
  var url = URL.createObjectURL(blob);
  var link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
}

function button(label, cls, title, action) {
  var el = document.createElement("button");
  el.type = "button";
  el.className = cls;
  el.textContent = label;
  el.title = title;
  el.addEventListener("click", action);
  return el;
}

function svgText(svg) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

function savePng(svg, name) {
  var width = Number(svg.getAttribute("width")) || svg.viewBox.baseVal.width;
  var height = Number(svg.getAttribute("height")) || svg.viewBox.baseVal.height;
  var image = new Image();
  image.onload = function () {
    var canvas = document.createElement("canvas");
    canvas.width = width * 2;
    canvas.height = height * 2;
    var context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    canvas.toBlob(function (blob) { save(name + ".png", blob); }, "image/png");
  };
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText(svg));
}

function addDownloads() {
  document.querySelectorAll("main table").forEach(function (table) {
    var bar = document.createElement("p");
    bar.className = "downloads";
    bar.appendChild(button("CSV", "download-csv", "download this table as CSV", function () {
      save(tableName(table) + ".csv", new Blob([tableCsv(table)], { type: "text/csv;charset=utf-8" }));
    }));
    table.parentNode.insertBefore(bar, table.nextSibling);
  });
  document.querySelectorAll("main svg.chart").forEach(function (svg) {
    var name = slug(svg.getAttribute("data-name") || "chart");
    var bar = document.createElement("p");
    bar.className = "downloads";
    bar.appendChild(button("SVG", "download-svg", "download this chart as SVG", function () {
      save(name + ".svg", new Blob([svgText(svg)], { type: "image/svg+xml" }));
    }));
    bar.appendChild(button("PNG", "download-png", "download this chart as PNG", function () { savePng(svg, name); }));
    svg.parentNode.insertBefore(bar, svg.nextSibling);
  });
}

document.addEventListener("DOMContentLoaded", addDownloads);
