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