/// The site's stylesheet and search script, shipped inside the binary so a build needs no
/// other files and never loads anything from the network.
enum Theme {
    static let stylesheet = #"""
:root {
  --ink: #1d2430; --muted: #5b6574; --line: #d8dde5; --bg: #ffffff; --soft: #f4f6f9;
  --accent: #0b5cad; --attention: #b54708; --important: #a4262c; --note: #2f6f3e;
  --trainer: #6b3fa0; --answer: #0b6e69; --energizer: #b8860b;
  font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.55; font-size: 17px; }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.site-header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 10px 20px; border-bottom: 1px solid var(--line); background: var(--soft); }
.site-title { margin: 0; font-weight: bold; flex: 1 1 300px; } .site-title a { color: var(--ink); text-decoration: none; }
.edition { margin: 0; font-size: 14px; padding: 2px 10px; border-radius: 12px; color: #fff; }
.edition-trainer { background: var(--trainer); } .edition-participant { background: var(--accent); }
.search-form { display: flex; gap: 4px; } .search-form input { width: 14em; max-width: 50vw; }
input, button { font: inherit; padding: 4px 8px; }
.layout { display: grid; grid-template-columns: 260px minmax(0, 1fr) 220px; gap: 24px; max-width: 1400px; margin: 0 auto; padding: 0 20px; }
.sidebar { font-size: 15px; padding: 16px 0; border-right: 1px solid var(--line); }
.sidebar ul { list-style: none; margin: 0 0 12px; padding: 0 8px 0 0; } .sidebar ul ul { padding-left: 14px; font-size: 14px; }
.sidebar li { margin: 3px 0; } .sidebar a { text-decoration: none; } .sidebar a[aria-current] { font-weight: bold; color: var(--ink); }
.nav-heading { margin: 12px 0 4px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
main { padding: 16px 0 40px; min-width: 0; }
.outline { font-size: 14px; padding: 16px 0; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; }
.outline ul { list-style: none; padding: 0; margin: 0; } .outline li { margin: 4px 0; } .outline .level-3 { padding-left: 12px; }
.outline-title { font-weight: bold; margin: 0 0 6px; }
.breadcrumbs ol { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 4px; font-size: 14px; color: var(--muted); }
.breadcrumbs li + li::before { content: "›"; margin-right: 4px; }
h1 { font-size: 1.8em; line-height: 1.25; margin: 8px 0 16px; } h2 { margin-top: 1.6em; } h2, h3, h4 { line-height: 1.3; }
.meta { display: flex; flex-wrap: wrap; gap: 8px 24px; background: var(--soft); padding: 10px 14px; border-radius: 6px; }
.meta div { display: flex; gap: 6px; } .meta dt { font-weight: bold; } .meta dd { margin: 0; }
.summary, .subtitle { font-size: 1.1em; color: var(--muted); }
.callout { border-left: 5px solid var(--muted); background: var(--soft); padding: 8px 16px; margin: 16px 0; border-radius: 0 6px 6px 0; }
.callout-title { font-weight: bold; margin: 4px 0 8px; }
.callout-attention { border-color: var(--attention); } .callout-attention .callout-title { color: var(--attention); }
.callout-important { border-color: var(--important); } .callout-important .callout-title { color: var(--important); }
.callout-note { border-color: var(--note); } .callout-example { border-color: var(--accent); }
.callout-energizer { border-color: var(--energizer); }
.callout-trainer { border-color: var(--trainer); background: #f5f0fb; } .callout-trainer .callout-title { color: var(--trainer); }
.callout-answer { border-color: var(--answer); background: #eef8f7; } .callout-answer .callout-title { color: var(--answer); }
.badge { font-size: 12px; background: var(--trainer); color: #fff; border-radius: 10px; padding: 1px 8px; vertical-align: middle; }
.table-scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 12px 0; width: 100%; font-size: 15px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--soft); } caption { text-align: left; font-weight: bold; padding: 4px 0; }
figure.table { margin: 16px 0; } .download { font-size: 15px; }
.box { display: inline-block; width: 1em; height: 1em; border: 1.5px solid var(--ink); vertical-align: -2px; text-align: center; line-height: 1em; font-size: .9em; }
.question { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 10px; margin: 16px 0; }
.options, .rating, .checkboxes, .checklist, .judgement { list-style: none; padding-left: 4px; }
.options li, .rating li { margin: 6px 0; } .correct { font-weight: bold; color: var(--answer); }
.options li { padding-left: 2.9em; text-indent: -2.9em; } .options .box, .options .option-letter { text-indent: 0; }
.option-letter { display: inline-block; min-width: 1.4em; font-weight: bold; } .q-number { margin-right: .1em; }
.answer-lines { margin: 4px 0 8px; } .write-line { height: 1.9em; border-bottom: 1px solid #8a93a0; }
.question-single .options .box { border-radius: 50%; } .hint.several { font-style: italic; color: var(--muted); margin: 4px 0; }
.line { display: inline-block; min-width: 16em; border-bottom: 1px solid var(--ink); height: 1.2em; } .line.short { min-width: 8em; }
.registration dl div { margin: 8px 0; } .registration dt { font-weight: bold; } .registration dd { margin: 0; }
.registration .form-phase { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; } .form-phase .checkboxes { margin: 0; }
.checkboxes { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0; }
.screening-items td.response { min-width: 7em; } .screening-items .opt { display: inline-block; white-space: nowrap; margin-right: .5em; }
.screening-items .choice-opt { display: block; margin: 2px 0; }
article a, .footnotes a, .outline a { overflow-wrap: anywhere; } .line { max-width: 100%; }
.screening-items td.response .line { display: block; min-width: 6em; width: 100%; margin-top: 1.2em; } .item-notes { margin-top: 8px; } .item-notes .line { min-width: 60%; } .note { color: var(--muted); font-size: .95em; white-space: pre-line; }
.subtotal { font-weight: bold; text-align: right; }
.agenda-table .time { white-space: nowrap; } .agenda-table tr.break td { background: var(--soft); color: var(--muted); }
.agenda-table .block-title th { background: #eef2f8; } .refs { font-size: 14px; margin: 4px 0 0; }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; } .cards p { margin: 6px 0 0; font-size: 14px; color: var(--muted); }
.tag { font-size: 13px; background: var(--soft); border-radius: 10px; padding: 1px 8px; color: var(--muted); }
.pager { display: flex; justify-content: space-between; gap: 12px; margin-top: 32px; border-top: 1px solid var(--line); padding-top: 12px; }
.pager a { text-decoration: none; max-width: 48%; } .pager span { display: block; font-size: 13px; color: var(--muted); } .pager .next { margin-left: auto; text-align: right; }
.footnotes { border-top: 1px solid var(--line); margin-top: 32px; font-size: 14px; } .footnotes ol { list-style: none; padding: 0; }
.fn-label { font-weight: bold; } sup.fn a { text-decoration: none; }
.site-footer { border-top: 1px solid var(--line); padding: 10px 20px; font-size: 14px; color: var(--muted); }
#search-results li { margin: 12px 0; } #search-results mark { background: #ffe58a; }
@media (max-width: 1100px) { .layout { grid-template-columns: 220px minmax(0, 1fr); } .outline { display: none; } }
@media (max-width: 760px) {
  .layout { display: block; padding: 0 12px; } .sidebar { border-right: 0; border-bottom: 1px solid var(--line); }
  .sidebar > ul:not(.nav-fixed), .sidebar .nav-heading { display: none; }
  .sidebar .nav-fixed { display: flex; flex-wrap: wrap; gap: 4px 14px; }
  body { font-size: 16px; } .search-form input { width: 10em; }
}
@media print {
  body { font-size: 11pt; } .site-header, .sidebar, .outline, .pager, .site-footer, .skip, .no-print, .print-button, .breadcrumbs { display: none !important; }
  .layout { display: block; padding: 0; } main { padding: 0; } a { color: inherit; text-decoration: none; }
  .print-page.module-start { break-before: page; } .question, .callout, tr { break-inside: avoid; }
  .kind-quiz .meta, .kind-survey .meta, .kind-screening .meta, .print-only-hint { display: none !important; }
  .write-line { border-bottom-color: #555; } .box { border-color: #000; }
  h2, h3 { break-after: avoid; } @page { size: A4; margin: 18mm 16mm; }
}
"""#

    static let searchScript = #"""
(function () {
  "use strict";
  var index = window.KATCH_SEARCH || [];
  // Hyphens and dashes of every kind (titles use the non-breaking hyphen: «1‑жаттығу») are one
  // hyphen, and a no-break space is a space, so «1-жаттығу» typed with «-» finds them.
  function norm(s) { return (s || "").normalize("NFC").toLowerCase().replace(/[\u2010-\u2015\u2212\u00ad]/g, "-").replace(/\u00a0/g, " "); }
  var prepared = index.map(function (e) { return { e: e, hay: norm(e.t + " " + e.s + " " + e.x) }; });
  // Kazakh inflection: plural, possessive and case endings, longest first. A query word that is
  // not found as typed is looked up by its stem (endings stripped, at least three letters left),
  // so «балаларды» finds «бала», «балалар», «баласы»; exact matches rank first.
  var ENDINGS = ["ымыз", "іміз", "ыңыз", "іңіз", "лар", "лер", "дар", "дер", "тар", "тер", "ның", "нің", "дың", "дің",
    "тың", "тің", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "мыз", "міз", "ңыз", "ңіз",
    "сы", "сі", "ым", "ім", "ың", "ің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді", "ты", "ті",
    "да", "де", "та", "те", "ша", "ше"];
  function stem(word) {
    var s = word, again = true;
    while (again) {
      again = false;
      for (var i = 0; i < ENDINGS.length; i++) {
        var e = ENDINGS[i];
        if (s.length - e.length >= 3 && s.slice(-e.length) === e) { s = s.slice(0, -e.length); again = true; break; }
      }
    }
    return s;
  }
  // Each query word as typed, and its stem when that differs.
  function terms(query) {
    return norm(query).split(/\s+/).filter(function (t) { return t.length > 0; })
      .map(function (t) { return { word: t, stem: stem(t) }; });
  }
  function search(query) {
    var ts = terms(query);
    if (ts.length === 0) { return []; }
    var hits = [];
    prepared.forEach(function (p) {
      var score = 0, marks = [];
      for (var i = 0; i < ts.length; i++) {
        var found = p.hay.indexOf(ts[i].word) >= 0 ? ts[i].word : (p.hay.indexOf(ts[i].stem) >= 0 ? ts[i].stem : null);
        if (found === null) { return; }
        var weight = found === ts[i].word ? 2 : 1;
        score += weight * ((norm(p.e.t).indexOf(found) >= 0 ? 10 : 0) + (norm(p.e.s).indexOf(found) >= 0 ? 5 : 0) + 1);
        marks.push(found);
      }
      hits.push({ e: p.e, score: score, mark: marks[0] });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits;
  }
  search.stem = stem;
  function snippet(text, term) {
    var lower = norm(text), at = lower.indexOf(norm(term));
    var start = Math.max(0, at - 60), end = Math.min(text.length, (at < 0 ? 0 : at) + 140);
    var frag = document.createDocumentFragment();
    var piece = text.slice(start, end);
    var pat = lower.slice(start, end).indexOf(norm(term));
    if (start > 0) { frag.appendChild(document.createTextNode("… ")); }
    if (pat >= 0 && term) {
      frag.appendChild(document.createTextNode(piece.slice(0, pat)));
      var mark = document.createElement("mark"); mark.textContent = piece.slice(pat, pat + term.length); frag.appendChild(mark);
      frag.appendChild(document.createTextNode(piece.slice(pat + term.length)));
    } else { frag.appendChild(document.createTextNode(piece)); }
    if (end < text.length) { frag.appendChild(document.createTextNode(" …")); }
    return frag;
  }
  window.katchSearch = search;
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("search-q");
  var more = document.getElementById("search-more");
  if (!list || !status) { return; }
  var PAGE = 20, results = [], shown = 0, current = "";
  function item(r) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = r.e.u;
    a.textContent = r.e.s ? r.e.t + " — " + r.e.s : r.e.t;
    li.appendChild(a);
    var p = document.createElement("p");
    p.appendChild(snippet(r.e.x, r.mark));
    li.appendChild(p);
    return li;
  }
  // Shows the next PAGE results; the button offers the rest and says how many are left.
  function showMore() {
    var end = Math.min(results.length, shown + PAGE);
    for (; shown < end; shown++) { list.appendChild(item(results[shown])); }
    if (more) {
      more.hidden = shown >= results.length;
      more.textContent = more.getAttribute("data-label").replace("%1", String(results.length - shown));
    }
  }
  function run(q) {
    q = q.trim();
    if (q === current) { return; }
    current = q;
    list.textContent = "";
    shown = 0;
    results = q ? search(q) : [];
    if (!q) { status.textContent = ""; if (more) { more.hidden = true; } return; }
    status.textContent = results.length
      ? status.getAttribute("data-results").replace("%q", q) + " — " + status.getAttribute("data-count").replace("%1", String(results.length))
      : status.getAttribute("data-none");
    showMore();
  }
  var params = new URLSearchParams(window.location.search);
  var q = params.get("q") || "";
  if (input) {
    input.value = q;
    // Results follow the typing; the address keeps the query, so Back and a bookmark return to it.
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        run(input.value);
        try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim())); } catch (e) { /* file:// may refuse */ }
      }, 150);
    });
  }
  if (more) { more.addEventListener("click", showMore); }
  run(q);
})();
"""#
}
