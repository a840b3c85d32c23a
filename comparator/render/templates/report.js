/* comparator report: filters, finding -> evidence navigation, column picker, print.
   Vanilla JS; data comes from the JSON block, never from page text. */
(function () {
  "use strict";
  var dataNode = document.getElementById("report-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : { findings: [], columns: [], maxColumns: 6 };
  var byId = {};
  data.findings.forEach(function (f) { byId[f.id] = f; });

  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function checkedValues(form, name) {
    return all("input[name]", form).filter(function (i) { return i.name === name && i.checked; })
      .map(function (i) { return i.value; });
  }
  function findingsOf(el) { return (el.getAttribute("data-findings") || "").split(" ").filter(Boolean); }
  /* elements whose attribute equals value; never builds a selector out of report data */
  function withAttr(name, value) {
    return all("[" + name + "]").filter(function (el) { return el.getAttribute(name) === String(value); });
  }

  /* -- filters ---------------------------------------------------------------------------- */
  var form = document.getElementById("filters");
  var status = document.getElementById("filter-status");
  function applyFilters() {
    if (!form) { return; }
    var kinds = checkedValues(form, "kind"), sevs = checkedValues(form, "severity"),
        outlets = checkedValues(form, "outlet");
    var visible = {};
    data.findings.forEach(function (f) {
      var byOutlet = f.articles.length === 0 || f.articles.some(function (a) { return outlets.indexOf(a) >= 0; });
      visible[f.id] = kinds.indexOf(f.kind) >= 0 && sevs.indexOf(f.severity) >= 0 && byOutlet;
    });
    all("[data-finding]").forEach(function (el) {
      el.hidden = !visible[el.getAttribute("data-finding")];
    });
    all("mark.ev").forEach(function (mark) {
      var on = findingsOf(mark).some(function (id) { return visible[id]; });
      mark.classList.toggle("filtered-out", !on);
    });
    var shown = data.findings.filter(function (f) { return visible[f.id]; }).length;
    if (status) { status.textContent = "Showing " + shown + " of " + data.findings.length + " findings."; }
  }
  if (form) {
    form.hidden = false;
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    applyFilters();
  }

  /* -- column picker ---------------------------------------------------------------------- */
  var picker = document.getElementById("column-picker");
  function showColumn(col, on) {
    withAttr("data-col", col).forEach(function (el) { el.hidden = !on; });
    if (picker) {
      all('input[name="column"]', picker).forEach(function (i) { if (i.value === String(col)) { i.checked = on; } });
    }
  }
  function limitColumns(changed) {
    var boxes = all('input[name="column"]', picker);
    var on = boxes.filter(function (i) { return i.checked; });
    if (on.length === 0 && changed) { changed.checked = true; }
    if (on.length > data.maxColumns) {
      on.filter(function (i) { return i !== changed; }).slice(data.maxColumns - 1).forEach(function (i) { i.checked = false; });
    }
    boxes.forEach(function (i) { showColumn(i.value, i.checked); });
  }
  if (picker) {
    picker.hidden = false;
    picker.addEventListener("change", function (e) { limitColumns(e.target); });
  }

  /* -- finding -> evidence ---------------------------------------------------------------- */
  function focusFinding(id) {
    all(".is-active").forEach(function (el) { el.classList.remove("is-active"); });
    var marks = all("mark.ev").filter(function (m) { return findingsOf(m).indexOf(id) >= 0; });
    marks.forEach(function (m) {
      var cell = m.closest("td[data-col]");
      if (cell && cell.hidden) { showColumn(cell.getAttribute("data-col"), true); }
      var details = m.closest("details");
      if (details) { details.open = true; }
      m.classList.add("is-active");
    });
    withAttr("data-finding", id).forEach(function (el) {
      el.classList.add("is-active");
      var details = el.closest("details");
      if (details) { details.open = true; }
    });
    var anchor = document.getElementById("ev-" + id);
    var target = marks[0] || anchor;
    if (!target) { return; }
    var row = target.closest("tr");
    if (row) { row.classList.add("is-active"); }
    target.scrollIntoView({ block: "center", inline: "nearest" });
    if (row) { row.focus({ preventScroll: true }); }
  }
  /* -- fact or cell -> the outlet's sentence in the side by side (opens folded rows) ---- */
  function focusClaim(id) {
    var el = document.getElementById(id);
    if (!el) { return false; }
    all(".is-active").forEach(function (x) { x.classList.remove("is-active"); });
    var cell = el.closest("td[data-col]");
    if (cell && cell.hidden) { showColumn(cell.getAttribute("data-col"), true); }
    var details = el.closest("details");
    while (details) { details.open = true; details = details.parentElement ? details.parentElement.closest("details") : null; }
    el.classList.add("is-active");
    var row = el.closest("tr");
    if (row) { row.classList.add("is-active"); }
    el.scrollIntoView({ block: "center", inline: "nearest" });
    if (row) { row.focus({ preventScroll: true }); }
    return true;
  }
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[data-target]") : null;
    if (link) {
      e.preventDefault();
      focusFinding(link.getAttribute("data-target"));
      return;
    }
    var summaryLink = e.target.closest ? e.target.closest('a[href^="#finding-"]') : null;
    if (summaryLink) {  /* an entry in a folded kind group: open it before the browser scrolls */
      var entry = document.getElementById(summaryLink.getAttribute("href").slice(1));
      var group = entry ? entry.closest("details") : null;
      if (group) { group.open = true; }
    }
    var claimLink = e.target.closest ? e.target.closest('a[href^="#claim-"]') : null;
    if (claimLink && focusClaim(decodeURIComponent(claimLink.getAttribute("href").slice(1)))) {
      e.preventDefault();
    }
  });

  /* -- printing: open collapsed sections, restore after --------------------------------- */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = all("details:not([open])");
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
