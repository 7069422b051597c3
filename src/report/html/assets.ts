/**
 * The HTML report's own style sheet and script, inlined into the page. They are constants (no
 * data in them), so the page's Content-Security-Policy allows exactly these two by hash and
 * nothing else: no other script, style, font, image or connection.
 */

export const REPORT_CSS = `
:root {
  --bg: #f6f7f9; --panel: #fff; --ink: #1d2430; --muted: #5d6778; --line: #dde2ea;
  --critical: #a4161a; --high: #d1495b; --medium: #d48a00; --low: #2a7ab0; --info: #6c757d;
  --present: #a4161a; --deleted: #7b2cbf; --overwritten: #c05600; --history: #2b6cb0; --config: #2f855a;
  --dockerfile: #4a5568; --context: #805ad5; --hl: #fff4cc; --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #14171c; --panel: #1c2028; --ink: #e3e7ee; --muted: #9aa4b5; --line: #2e3440; --hl: #3b3520; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header.top { padding: 18px 28px 12px; background: var(--panel); border-bottom: 1px solid var(--line); }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
header.top .meta { color: var(--muted); font-size: 13px; }
.summary { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; align-items: center; }
.warn-shown { background: var(--critical); color: #fff; padding: 2px 8px; border-radius: 4px; font-weight: 600; }
nav.filters { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: 6px 22px; padding: 10px 28px; background: var(--panel); border-bottom: 1px solid var(--line); }
nav.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
nav.filters legend { float: left; font-weight: 600; margin-right: 6px; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
nav.filters label { cursor: pointer; white-space: nowrap; }
nav.filters .count { color: var(--muted); font-size: 12px; }
main { padding: 16px 28px 40px; }
section.target { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px 18px; margin-bottom: 22px; }
section.target > h2 { margin: 0 0 4px; font-size: 17px; word-break: break-all; }
.tmeta { color: var(--muted); font-size: 13px; margin-bottom: 8px; word-break: break-all; }
.notes { margin: 6px 0 10px; padding: 0; list-style: none; font-size: 13px; }
.notes li { padding: 3px 8px; border-left: 3px solid var(--medium); margin: 3px 0; background: color-mix(in srgb, var(--medium) 8%, transparent); }
.notes li.error { border-color: var(--critical); background: color-mix(in srgb, var(--critical) 8%, transparent); }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr); gap: 18px; align-items: start; }
@media (max-width: 1000px) { .cols { grid-template-columns: minmax(0, 1fr); } }
h3 { font-size: 14px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--info); white-space: nowrap; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
.st { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.st-present { color: var(--present); } .st-deleted { color: var(--deleted); } .st-overwritten { color: var(--overwritten); }
.st-history { color: var(--history); } .st-config { color: var(--config); } .st-dockerfile { color: var(--dockerfile); } .st-context { color: var(--context); }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
code.preview { background: color-mix(in srgb, var(--ink) 7%, transparent); padding: 0 4px; border-radius: 3px; }
code.secret { background: var(--critical); color: #fff; padding: 0 4px; border-radius: 3px; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
table.timeline td, table.timeline th { border-bottom: 1px solid var(--line); padding: 5px 6px; vertical-align: top; text-align: left; }
table.timeline th { font-size: 12px; color: var(--muted); font-weight: 600; }
table.timeline td.idx { font-weight: 700; width: 2.5em; text-align: right; }
table.timeline td.digest { white-space: nowrap; color: var(--muted); }
table.timeline td.instr { width: 100%; word-break: break-word; }
table.timeline td.instr details summary { cursor: pointer; }
table.timeline td.instr .cmd { white-space: pre-wrap; }
table.timeline tr.has-event td.idx { color: var(--critical); }
table.timeline tr.final td { border-bottom: 2px solid var(--ink); }
td.lane, th.lane { width: 18px; min-width: 18px; padding: 0 !important; text-align: center; position: relative; font-size: 13px; line-height: 28px; }
th.lane { font-size: 10px; line-height: 1.2; vertical-align: bottom !important; padding-bottom: 4px !important; }
td.lane.run::before, td.lane.start::before, td.lane.end::before, td.lane.live::before { content: ""; position: absolute; left: 50%; width: 4px; margin-left: -2px; background: var(--lane); }
td.lane.run::before { top: 0; bottom: 0; } td.lane.start::before { top: 50%; bottom: 0; } td.lane.end::before { top: 0; height: 50%; } td.lane.live::before { top: 0; bottom: 0; }
td.lane.start.end::before { display: none; }
td.lane span { position: relative; z-index: 1; color: var(--lane); font-weight: 700; background: var(--panel); border-radius: 50%; }
td.lane { --lane: var(--present); }
td.lane.s-deleted { --lane: var(--deleted); } td.lane.s-overwritten { --lane: var(--overwritten); }
ul.events { list-style: none; margin: 4px 0 0; padding: 0; font-size: 12.5px; }
ul.events li { margin: 2px 0; }
ul.events a { color: inherit; }
.ev-enter::before { content: "\\25CF  "; color: var(--present); }
.ev-gone::before { content: "\\2715  "; color: var(--deleted); }
.ev-replaced::before { content: "\\21C4  "; color: var(--overwritten); }
.ev-history::before { content: "\\25C6  "; color: var(--history); }
.legend { font-size: 12px; color: var(--muted); margin: 6px 0 0; }
.legend span { margin-right: 14px; }
.side-item { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; margin: 0 0 8px; }
.side-item .cmd { white-space: pre-wrap; word-break: break-all; display: block; margin-top: 3px; color: var(--muted); }
pre.src { margin: 0; padding: 6px 0; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; background: color-mix(in srgb, var(--ink) 3%, transparent); }
pre.src .ln { display: block; padding: 0 8px 0 3.6em; text-indent: -3.6em; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.src .ln * { text-indent: 0; }
pre.src .ln .no { display: inline-block; width: 3.2em; padding-right: 8px; text-align: right; color: var(--muted); user-select: none; }
pre.src .ln.hl { background: var(--hl); box-shadow: inset 3px 0 0 var(--high); }
pre.src .ln.hl.empty { background: none; box-shadow: none; }
pre.src .ln:target { outline: 2px solid var(--low); }
pre.src .chips { font-family: system-ui, sans-serif; margin-left: 10px; }
pre.src .chips a { text-decoration: none; margin-right: 4px; }
.dfname { font-weight: 600; margin: 4px 0; word-break: break-all; }
.finding { border: 1px solid var(--line); border-left: 4px solid var(--info); border-radius: 6px; padding: 8px 12px; margin: 0 0 10px; }
.finding.sevb-critical { border-left-color: var(--critical); } .finding.sevb-high { border-left-color: var(--high); }
.finding.sevb-medium { border-left-color: var(--medium); } .finding.sevb-low { border-left-color: var(--low); }
.finding:target { outline: 2px solid var(--low); }
.finding .head { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: baseline; }
.finding .title { font-weight: 600; }
.finding .sub { color: var(--muted); font-size: 12.5px; }
.finding ul.locs { margin: 6px 0 4px; padding-left: 18px; }
.finding ul.locs li { margin: 3px 0; word-break: break-all; }
.finding .hint { color: var(--muted); font-size: 12.5px; }
.finding .fix { font-size: 13px; margin-top: 4px; }
.held { color: var(--muted); font-style: italic; font-size: 12.5px; }
table.plain th, table.plain td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left; }
table.plain th { font-size: 12px; color: var(--muted); }
table.plain td { overflow-wrap: break-word; }
table.plain td.where { min-width: 10em; }
.filtered { display: none !important; }
td.filtered { display: table-cell !important; visibility: hidden; }
.none { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
`;

/**
 * Filters: every element with `data-sev` is shown only when its severity, one of its statuses
 * (`data-status`, space-separated) and, for held-back findings (`data-held`), the held-back box
 * are checked. A `data-group` element is marked `empty` when nothing inside it is shown.
 */
export const REPORT_JS = `
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function apply() {
    var sev = {}, status = {}, held = false;
    boxes.forEach(function (b) {
      if (!b.checked) return;
      if (b.getAttribute("data-filter") === "held") held = true;
      else if (b.getAttribute("data-filter") === "sev") sev[b.value] = true;
      else status[b.value] = true;
    });
    document.querySelectorAll("[data-sev]").forEach(function (el) {
      var statuses = (el.getAttribute("data-status") || "").split(" ");
      var ok = sev[el.getAttribute("data-sev")] === true &&
        statuses.some(function (s) { return status[s] === true; }) &&
        (el.getAttribute("data-held") !== "1" || held);
      el.classList.toggle("filtered", !ok);
    });
    document.querySelectorAll("[data-group]").forEach(function (g) {
      g.classList.toggle("empty", g.querySelector("[data-sev]:not(.filtered)") === null);
    });
    var shown = document.querySelectorAll("[data-entry]:not(.filtered)").length;
    var out = document.getElementById("shown-count");
    if (out) out.textContent = shown + " of " + document.querySelectorAll("[data-entry]").length + " shown";
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
})();
`;
