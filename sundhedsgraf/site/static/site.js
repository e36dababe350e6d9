/* sundhedsgraf site: the date chooser, the language switch and the search box.
 *
 * Date: every section whose answer depends on the date holds one block per span of dates
 * (.variant[data-from][data-to]); the chosen date (?dato=YYYY-MM-DD, else the last one chosen,
 * else the site's default, else today) shows the block that holds it. The date is kept in the URL
 * and in localStorage, and links to the site's other pages carry it.
 * Language: Danish first; every label carries its English form in data-en (and data-en-<attribute>);
 * the button swaps them and remembers the choice.
 * Search: assets/names.js holds every page's names folded as the Python side folds them
 * (sundhedsgraf.names.folding); what the reader types is folded with the same rules and compared.
 * No request leaves the site's folder; nothing is fetched (file:// allows no fetch of JSON).
 */
(function () {
  "use strict";
  var body = document.body;
  var ROOT = body.getAttribute("data-root") || "";
  var ISO = /^\d{4}-\d{2}-\d{2}$/;

  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  };

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  function isDate(s) {
    if (!s || !ISO.test(s)) return false;
    var d = new Date(s + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }

  // ---------------------------------------------------------------- language
  var ATTRS = ["aria-label", "title", "placeholder"];
  var lang = "da";
  function setLang(next) {
    lang = next === "en" ? "en" : "da";
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-en]"), function (el) {
      if (!el.hasAttribute("data-da")) el.setAttribute("data-da", el.textContent);
      el.textContent = el.getAttribute(lang === "en" ? "data-en" : "data-da");
    });
    ATTRS.forEach(function (a) {
      Array.prototype.forEach.call(document.querySelectorAll("[data-en-" + a + "]"), function (el) {
        if (!el.hasAttribute("data-da-" + a)) el.setAttribute("data-da-" + a, el.getAttribute(a) || "");
        el.setAttribute(a, el.getAttribute((lang === "en" ? "data-en-" : "data-da-") + a));
      });
    });
    // a table's cells, shown as cards on narrow screens, are labelled with their column's heading
    Array.prototype.forEach.call(document.querySelectorAll("table.rows"), function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent; });
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) { if (heads[i]) td.setAttribute("data-label", heads[i]); });
      });
    });
    store.set("sg-lang", lang);
  }
  var langButton = document.getElementById("sprog");
  if (langButton) {
    langButton.addEventListener("click", function () { setLang(lang === "en" ? "da" : "en"); });
  }
  if (store.get("sg-lang") === "en") setLang("en");

  // ---------------------------------------------------------------- date
  var input = document.getElementById("dato");
  var shown = document.getElementById("vist-dato");
  var current = null;

  function initialDate() {
    var asked = new URLSearchParams(window.location.search).get("dato");
    if (isDate(asked)) return asked;
    var kept = store.get("sg-dato");
    if (isDate(kept)) return kept;
    var dflt = body.getAttribute("data-default-date");
    return isDate(dflt) ? dflt : today();
  }

  function withDate(href, date) {
    // a link to another page of the site: replace or add ?dato= (keeping other parameters and the #part)
    var hash = "", at = href.indexOf("#");
    if (at >= 0) { hash = href.slice(at); href = href.slice(0, at); }
    var q = "", qa = href.indexOf("?");
    if (qa >= 0) { q = href.slice(qa + 1); href = href.slice(0, qa); }
    var params = q.split("&").filter(function (p) { return p && p.indexOf("dato=") !== 0; });
    params.push("dato=" + date);
    return href + "?" + params.join("&") + hash;
  }

  function isOwnLink(href) {
    return href && href.charAt(0) !== "#" && !/^[a-z][a-z0-9+.-]*:/i.test(href) && /\.html(?:[?#]|$)/.test(href);
  }

  function within(el, date) {
    var f = el.getAttribute("data-from"), t = el.getAttribute("data-to");
    return (!f || f <= date) && (!t || date <= t);
  }

  function apply(date) {
    current = date;
    Array.prototype.forEach.call(document.querySelectorAll(".variants > .variant"), function (v) {
      v.classList.toggle("current", within(v, date));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-spans]"), function (row) {
      row.classList.toggle("on", row.getAttribute("data-spans").split(" ").some(function (span) {
        var ends = span.split("/");
        return (!ends[0] || ends[0] <= date) && (!ends[1] || date <= ends[1]);
      }));
    });
    Array.prototype.forEach.call(document.querySelectorAll(".rowset"), function (set) {
      set.classList.toggle("empty", !set.querySelector("[data-spans].on"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("tr.body-row"), function (row) {
      row.classList.toggle("inactive", !within(row, date));
    });
    Array.prototype.forEach.call(document.querySelectorAll(".bounds a[data-date]"), function (a) {
      var on = a.getAttribute("data-date") === date;
      a.classList.toggle("current", on);
      if (on) { a.setAttribute("aria-current", "date"); } else { a.removeAttribute("aria-current"); }
    });
    markDiagrams(date);
    placeNow(date);
    if (input) input.value = date;
    if (shown) { shown.textContent = date; shown.setAttribute("datetime", date); }
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      var href = a.getAttribute("data-href") || a.getAttribute("href");
      if (!isOwnLink(href)) return;
      if (!a.hasAttribute("data-href")) a.setAttribute("data-href", href);
      a.setAttribute("href", withDate(href, date));
    });
    store.set("sg-dato", date);
    try {
      window.history.replaceState(null, "", withDate(window.location.pathname.split("/").pop() + window.location.search + window.location.hash, date));
    } catch (e) { /* some browsers refuse history on file:// */ }
  }

  function markDiagrams(date) {
    // of each region's charts, the latest on or before the date (else its first)
    var groups = {};
    Array.prototype.forEach.call(document.querySelectorAll("a[data-diagram-date]"), function (a) {
      var g = a.getAttribute("data-diagram-region");
      (groups[g] = groups[g] || []).push(a);
      a.classList.remove("current");
    });
    Object.keys(groups).forEach(function (g) {
      var pick = groups[g][0];
      groups[g].forEach(function (a) { if (a.getAttribute("data-diagram-date") <= date) pick = a; });
      pick.classList.add("current");
    });
  }

  function days(iso) { return Date.parse(iso + "T00:00:00Z") / 86400000; }
  function placeNow(date) {
    var g = document.querySelector(".gantt");
    if (!g) return;
    var line = g.querySelector(".g-now");
    var lo = days(g.getAttribute("data-min")), hi = days(g.getAttribute("data-max")) + 1, at = days(date);
    if (!line || isNaN(lo) || at < lo || at > hi) { if (line) line.hidden = true; return; }
    line.hidden = false;
    line.style.setProperty("--at", ((at - lo) / (hi - lo)).toFixed(5));
    line.firstChild.textContent = date;
  }

  // an organisation chart's page is of its own date: another date opens the region's chart for it
  var chartDates = (body.getAttribute("data-diagram-dates") || "").split(" ").filter(isDate);
  function chartFor(date) {
    var pick = chartDates[0];
    chartDates.forEach(function (d) { if (d <= date) pick = d; });
    return pick;
  }
  function choose(date) {
    if (chartDates.length && chartFor(date) !== body.getAttribute("data-page-date")) {
      store.set("sg-dato", date);
      window.location.href = body.getAttribute("data-diagram-base") + chartFor(date) + ".html?dato=" + date;
      return;
    }
    apply(date);
  }
  if (input) {
    input.addEventListener("change", function () { if (isDate(input.value)) choose(input.value); });
  }
  var todayButton = document.getElementById("idag");
  if (todayButton) todayButton.addEventListener("click", function () { choose(today()); });
  Array.prototype.forEach.call(document.querySelectorAll(".bounds a[data-date]"), function (a) {
    a.addEventListener("click", function (ev) { ev.preventDefault(); choose(a.getAttribute("data-date")); });
  });
  apply(isDate(body.getAttribute("data-page-date")) && chartFor(initialDate()) !== body.getAttribute("data-page-date")
    ? body.getAttribute("data-page-date") : initialDate());

  // ---------------------------------------------------------------- passages on document pages
  function highlight() {
    Array.prototype.forEach.call(document.querySelectorAll("mark.hit"), function (m) { m.classList.remove("hit"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (id.indexOf("p-") !== 0) return;
    Array.prototype.forEach.call(document.querySelectorAll('mark[data-p="' + id + '"]'), function (m) { m.classList.add("hit"); });
  }
  window.addEventListener("hashchange", highlight);
  highlight();

  // a source link shows its quote (listed once at the foot of the page) while pointed at or focused
  var tip = null;
  function showQuote(ev) {
    var a = ev.target.closest ? ev.target.closest("a.src-link[aria-describedby]") : null;
    if (!a) return;
    var q = document.getElementById(a.getAttribute("aria-describedby"));
    if (!q) return;
    if (!tip) { tip = document.createElement("div"); tip.id = "kildetip"; tip.setAttribute("aria-hidden", "true"); body.appendChild(tip); }
    var quote = q.querySelector("q");
    tip.textContent = "\u201c" + (quote ? quote.textContent : q.textContent) + "\u201d";
    var r = a.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function hideQuote() { if (tip) tip.hidden = true; }
  document.addEventListener("mouseover", showQuote);
  document.addEventListener("focusin", showQuote);
  document.addEventListener("mouseout", function (ev) { if (ev.target.closest && ev.target.closest("a.src-link")) hideQuote(); });
  document.addEventListener("focusout", hideQuote);

  // print: every source list open
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", ""); d.setAttribute("data-print-opened", "");
    });
  });
  window.addEventListener("afterprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-print-opened]"), function (d) {
      d.removeAttribute("open"); d.removeAttribute("data-print-opened");
    });
  });

  // ---------------------------------------------------------------- search
  var names = window.SG_NAMES;
  var box = document.getElementById("sog");
  var list = document.getElementById("sog-forslag");
  if (!names || !box || !list) { body.setAttribute("data-ready", "true"); return; }
  var KINDS = {
    Municipality: ["Kommune", "Municipality"], Region: ["Region", "Region"], Forum: ["Forum", "Forum"],
    Organisation: ["Organisation", "Organisation"], Office: ["Embede", "Office"], Document: ["Dokument", "Document"]
  };
  var KOMMUNE = {};
  names.kommune.forEach(function (w) { KOMMUNE[w] = true; });

  // the rules of sundhedsgraf.names.folding: fold_words, fold, loose
  function foldWords(text) {
    var s = String(text).normalize("NFKC").toLowerCase().replace(/['\u2019`\u00b4]s\b/g, " ");
    s = Array.from(s).map(function (c) { return names.letters[c] || c; }).join("");
    s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    return s.match(/[a-z0-9]+/g) || [];
  }
  function fold(text) {
    var w = foldWords(text);
    if (w.length > 1 && KOMMUNE[w[w.length - 1]]) w = w.slice(0, -1);
    if (w.length > 1 && KOMMUNE[w[0]]) w = w.slice(1);
    return w.join(" ");
  }
  function loose(text) {
    return fold(text).replace(/ /g, "").replace(/oe/g, "o").replace(/ae/g, "a").replace(/aa/g, "a");
  }
  function looseKey(k) { return k.replace(/ /g, "").replace(/oe/g, "o").replace(/ae/g, "a").replace(/aa/g, "a"); }
  names.entries.forEach(function (e) { e.all = e.f.map(looseKey).concat(e.l); });

  function rank(e, f, l) {
    var best = 9;
    for (var i = 0; i < e.f.length; i++) {
      var k = e.f[i];
      if (k === f) return 0;
      if (k.indexOf(f) === 0) best = Math.min(best, 1);
      else if ((" " + k).indexOf(" " + f) >= 0) best = Math.min(best, 2);
    }
    for (var j = 0; j < e.all.length && l; j++) {
      var x = e.all[j];
      if (x === l) return 0;
      if (x.indexOf(l) === 0) best = Math.min(best, 1);
      else if (l.length >= 3 && x.indexOf(l) >= 0) best = Math.min(best, 3);
    }
    return best;
  }

  function find(text) {
    var f = fold(text), l = loose(text);
    if (!f && !l) return [];
    var hits = [];
    names.entries.forEach(function (e) {
      var r = rank(e, f, l);
      if (r < 9) hits.push([r, e]);
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || a[1].o - b[1].o || a[1].n.length - b[1].n.length || (a[1].n < b[1].n ? -1 : a[1].n > b[1].n ? 1 : 0);
    });
    return hits.slice(0, 8).map(function (h) { return h[1]; });
  }

  var active = -1;
  function options() { return list.querySelectorAll("[role=option]"); }
  function close() {
    list.hidden = true; list.innerHTML = ""; active = -1;
    box.setAttribute("aria-expanded", "false"); box.removeAttribute("aria-activedescendant");
  }
  function mark(i) {
    var opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    Array.prototype.forEach.call(opts, function (o, k) { o.setAttribute("aria-selected", k === active ? "true" : "false"); });
    box.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  }
  function go(el) {
    var a = el && el.querySelector("a");
    if (a) window.location.href = a.getAttribute("href");
  }
  function show() {
    var text = box.value;
    list.innerHTML = "";
    active = -1;
    if (!text.trim()) { close(); return; }
    var found = find(text);
    if (!found.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = lang === "en" ? "No name matches" : "Intet navn passer";
      list.appendChild(none);
    }
    found.forEach(function (e, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "sog-valg-" + i;
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = withDate(ROOT + e.u, current || today());
      a.tabIndex = -1;
      a.textContent = e.n;
      var k = document.createElement("span");
      k.className = "kind";
      k.textContent = (KINDS[e.k] || [e.k, e.k])[lang === "en" ? 1 : 0];
      li.appendChild(a);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(k);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); go(li); });
      list.appendChild(li);
    });
    list.hidden = false;
    box.setAttribute("aria-expanded", "true");
  }
  box.addEventListener("input", show);
  box.addEventListener("focus", function () { if (box.value.trim()) show(); });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { ev.preventDefault(); if (list.hidden) show(); mark(active + 1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); mark(active - 1); }
    else if (ev.key === "Enter") {
      var opts = options();
      if (opts.length) { ev.preventDefault(); go(opts[active >= 0 ? active : 0]); }
    } else if (ev.key === "Escape") { close(); }
  });
  box.addEventListener("blur", function () { window.setTimeout(close, 150); });
  body.setAttribute("data-ready", "true");
})();
