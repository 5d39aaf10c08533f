/* kpversion compare pages: the filter by verdict, and "compare any two versions".
 *
 * Any two versions get the redline of the prebuilt consecutive pages: changes under the
 * sections of the newer text, unchanged sections folded, a filter by verdict, the change
 * table. It is composed from files the build wrote: each revision's document model
 * (<version>/document.json) and each consecutive comparison's changes and block map
 * (compare/<old>...<new>/changes.json). The maps of the revisions in between pair the two
 * texts' blocks; jsdiff (static/diff.min.js) diffs the words of each changed pair, however
 * long; each change carries the verdicts kpversion recorded for the changes that made it.
 * Text reaches the page only through textContent. */
(function () {
  "use strict";
  var FORMAT = 1;
  var RANK = { "non-material": 0, "review": 1, "material": 2 };
  var LABEL = { "material": "material", "review": "to review", "non-material": "non-material" };
  var DIRECTIONS = ["more_permissive", "unknown", "more_protective", "neutral"];
  var DIFF_MS = 250;
  /* The longest a block pair's word diff may take. jsdiff (Myers) takes 12 ms on a
   * 2,000-word paragraph with a few edits; only a paragraph rewritten whole, with thousands of
   * edits, gets near this, and is then shown deleted and inserted. */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return parent;
  }

  // --- the filter by verdict ----------------------------------------------------------

  function setUpFilter(root) {
    var form = root.querySelector("form.filter");
    if (!form) { return; }
    form.hidden = false;
    var status = form.querySelector(".filter-status");
    function apply() {
      var shown = {};
      form.querySelectorAll("input[name=verdict]").forEach(function (box) {
        shown[box.value] = box.checked;
      });
      var visible = 0, total = 0;
      root.querySelectorAll("li.change, tr[data-verdict]").forEach(function (node) {
        var show = shown[node.getAttribute("data-verdict")] !== false;
        node.hidden = !show;
        if (node.tagName === "LI") { total += 1; visible += show ? 1 : 0; }
      });
      root.querySelectorAll("section.cmp-section.changed").forEach(function (section) {
        section.hidden = !section.querySelector("li.change:not([hidden])");
      });
      root.querySelectorAll(".toc li.toc-changed").forEach(function (item) {
        var verdicts = (item.getAttribute("data-verdicts") || "").split(" ");
        item.hidden = !verdicts.some(function (v) { return shown[v] !== false; });
      });
      if (status) { status.textContent = "Showing " + visible + " of " + total + " changes."; }
    }
    form.addEventListener("change", apply);
    apply();
  }

  // --- composing the changes between two versions --------------------------------------

  function indexed(step) {
    var byNew = {}, byOld = {}, inverse = {};
    step.changes.forEach(function (change, number) {
      var entry = { change: change, version: step["new"], key: step["new"] + "#" + number };
      if (change.n >= 0) { (byNew[change.n] = byNew[change.n] || []).push(entry); }
      if (change.o >= 0) { (byOld[change.o] = byOld[change.o] || []).push(entry); }
    });
    step.map.forEach(function (old, index) { if (old >= 0) { inverse[old] = index; } });
    return { map: step.map, byNew: byNew, byOld: byOld, inverse: inverse };
  }

  function collect(found, seen, entries) {
    (entries || []).forEach(function (entry) {
      if (!seen[entry.key]) { seen[entry.key] = true; found.push(entry); }
    });
  }

  /* For each block of the newer text: the block of the older text it continues (or -1), and
   * the recorded changes on the way. */
  function traceBack(steps, count) {
    var origins = [], touches = [];
    for (var b = 0; b < count; b++) {
      var found = [], seen = {}, at = b;
      for (var k = steps.length - 1; k >= 0; k--) {
        collect(found, seen, steps[k].byNew[at]);
        var previous = steps[k].map[at];
        at = previous === undefined ? -1 : previous;
        if (at < 0) { break; }
        collect(found, seen, steps[k].byOld[at]);
      }
      origins.push(at);
      touches.push(found);
    }
    return { origins: origins, touches: touches };
  }

  /* The recorded changes that removed a block of the older text. */
  function traceForward(steps, block) {
    var found = [], seen = {}, at = block;
    for (var k = 0; k < steps.length; k++) {
      collect(found, seen, steps[k].byOld[at]);
      if (steps[k].inverse[at] === undefined) { break; }
      at = steps[k].inverse[at];
      collect(found, seen, steps[k].byNew[at]);
    }
    return found;
  }

  /* Indices (into pairs) of a longest run of pairs whose old blocks keep their order. */
  function keptInOrder(pairs) {
    var tails = [], links = [], kept = {};
    pairs.forEach(function (pair, index) {
      var lo = 0, hi = tails.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (pairs[tails[mid]].old < pair.old) { lo = mid + 1; } else { hi = mid; }
      }
      links[index] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = index;
    });
    for (var at = tails.length ? tails[tails.length - 1] : -1; at >= 0; at = links[at]) {
      kept[at] = true;
    }
    return kept;
  }

  function source(block) { return block.m !== undefined ? block.m : block.t; }

  function verdictOf(touches) {
    var strong = touches.filter(function (t) { return t.change.kind !== "format"; });
    var pool = strong.length ? strong : touches;
    if (!pool.length) {
      return { verdict: "review", direction: "unknown", rules: [], reasons: [
        "no recorded change between these versions matched this one: read it" ] };
    }
    var top = Math.max.apply(null, pool.map(function (t) { return RANK[t.change.verdict]; }));
    var leaders = pool.filter(function (t) { return RANK[t.change.verdict] === top; });
    var direction = DIRECTIONS.filter(function (d) {
      return leaders.some(function (t) { return t.change.direction === d; });
    })[0] || "unknown";
    var rules = [];
    leaders.concat(pool).forEach(function (t) {
      t.change.rules.forEach(function (r) { if (rules.indexOf(r) < 0) { rules.push(r); } });
    });
    var reasons = leaders.filter(function (t) { return t.change.reason; }).map(function (t) {
      return "in " + t.version + ": " + t.change.reason;
    });
    return { verdict: leaders[0].change.verdict, direction: direction, rules: rules,
             reasons: reasons };
  }

  function compose(older, newer, steps) {
    var indexedSteps = steps.map(indexed);
    var traced = traceBack(indexedSteps, newer.blocks.length);
    var pairs = [], image = {};
    traced.origins.forEach(function (old, index) {
      if (old >= 0) { pairs.push({ old: old, "new": index }); image[old] = true; }
    });
    var kept = keptInOrder(pairs), movedNew = {};
    pairs.forEach(function (pair, index) { if (!kept[index]) { movedNew[pair["new"]] = true; } });
    var removed = [];
    older.blocks.forEach(function (block, index) { if (!image[index]) { removed.push(index); } });
    var changes = [], next = 0;
    function flushRemoved(before) {
      while (next < removed.length && (before === null || removed[next] < before)) {
        var index = removed[next++];
        changes.push({ kind: "removed", old: older.blocks[index], "new": null, at: index,
                       touches: traceForward(indexedSteps, index) });
      }
    }
    newer.blocks.forEach(function (block, index) {
      var origin = traced.origins[index];
      if (origin >= 0 && !movedNew[index]) { flushRemoved(origin); }
      var was = origin >= 0 ? older.blocks[origin] : null;
      var kind = !was ? "added" : movedNew[index] ? "moved" :
        source(was) !== source(block) ? "modified" : null;
      if (kind) {
        changes.push({ kind: kind, old: was, "new": block, at: index,
                       touches: traced.touches[index] });
      }
    });
    flushRemoved(null);
    changes.forEach(function (change) { change.verdict = verdictOf(change.touches); });
    return changes;
  }

  // --- rendering ------------------------------------------------------------------------

  function redline(oldText, newText) {
    var p = el("p", { "class": "redline" });
    if (oldText === null) { add(p, mark("ins", "inserted: ", newText)); return p; }
    if (newText === null) { add(p, mark("del", "deleted: ", oldText)); return p; }
    var parts = window.Diff.diffWordsWithSpace(oldText, newText, { timeout: DIFF_MS });
    if (!parts) {  // rewritten whole: the diff would not end in time
      add(p, mark("del", "deleted: ", oldText), " ", mark("ins", "inserted: ", newText));
      return p;
    }
    merged(parts).forEach(function (part) {
      if (part.equal !== undefined) { add(p, part.equal); return; }
      if (part.removed) { add(p, mark("del", "deleted: ", part.removed)); }
      if (part.added) { add(p, mark("ins", "inserted: ", part.added)); }
      if (part.tail) { add(p, part.tail); }
    });
    return p;
  }

  /* Changed stretches separated only by spaces become one deletion and one insertion ("do
   * not" -> "may", not "do" -> "may" and "not" deleted), as the prebuilt pages show them. */
  function merged(parts) {
    var out = [], run = null;
    function close() {
      if (!run) { return; }
      var removed = run.removed.replace(/\s+$/, ""), added = run.added.replace(/\s+$/, "");
      var tail = run.added.slice(added.length);
      if (run.removed.slice(removed.length) !== tail) { removed = run.removed; added = run.added; tail = ""; }
      out.push({ removed: removed, added: added, tail: tail });
      run = null;
    }
    parts.forEach(function (part, index) {
      var changed = part.added || part.removed;
      var between = !changed && run && /^\s+$/.test(part.value) && index + 1 < parts.length &&
        (parts[index + 1].added || parts[index + 1].removed);
      if (changed || between) {
        run = run || { removed: "", added: "" };
        if (!part.added) { run.removed += part.value; }
        if (!part.removed) { run.added += part.value; }
        return;
      }
      close();
      out.push({ equal: part.value });
    });
    close();
    return out;
  }

  function mark(tag, label, text) {
    return add(el(tag), el("span", { "class": "sr-only" }, label), text);
  }

  function texts(change) {
    var oldText = change.old ? change.old.t : null, newText = change["new"] ? change["new"].t : null;
    if (change.old && change["new"] && oldText === newText) {
      return [source(change.old), source(change["new"])];
    }
    return [oldText, newText];
  }

  function badge(verdict) {
    return el("span", { "class": "verdict verdict-" + verdict }, LABEL[verdict] || verdict);
  }

  function sectionTitle(path) {
    return path.length ? path[path.length - 1] : "Before the first heading";
  }

  function group(changes, older, newer) {
    var sections = newer.sections.map(function (path, index) {
      return { anchor: "s-" + (index + 1), path: path, changes: [], blocks: [], removed: false };
    });
    newer.blocks.forEach(function (block) { sections[block.s].blocks.push(block); });
    var placed = sections.slice(), gone = {}, last = null;
    changes.forEach(function (change) {
      var section = null;
      if (change["new"]) { section = sections[change["new"].s]; }
      else {
        var path = older.sections[change.old.s];
        section = sections.filter(function (s) { return s.path.join("\u0000") === path.join("\u0000"); })[0];
        if (!section) {
          section = gone[path.join("\u0000")];
          if (!section) {
            section = { anchor: "gone-" + (Object.keys(gone).length + 1), path: path,
                        changes: [], blocks: [], removed: true };
            gone[path.join("\u0000")] = section;
            placed.splice(last ? placed.indexOf(last) + 1 : 0, 0, section);
          }
        }
      }
      section.changes.push(change);
      last = section;
    });
    return placed;
  }

  function counts(changes) {
    var found = { "material": 0, "review": 0, "non-material": 0 };
    changes.forEach(function (c) { found[c.verdict.verdict] += 1; });
    return found;
  }

  function strongest(changes) {
    var top = -1, name = "";
    changes.forEach(function (c) {
      if (RANK[c.verdict.verdict] > top) { top = RANK[c.verdict.verdict]; name = c.verdict.verdict; }
    });
    return name;
  }

  function verdictsOf(changes) {
    var found = counts(changes);
    return Object.keys(found).filter(function (v) { return found[v]; }).join(" ");
  }

  function textAttrs(out, attrs) {
    if (out.language !== out.siteLanguage) { attrs.lang = out.language; attrs.dir = out.dir; }
    return attrs;
  }

  function render(out, older, newer, changes) {
    var lang = { language: out.getAttribute("data-language"), dir: out.getAttribute("data-dir"),
                 siteLanguage: out.getAttribute("data-site-language"), total: changes.length,
                 foldFrom: Number(out.getAttribute("data-fold-from")) || 30 };
    changes.forEach(function (change, index) { change.number = index + 1; });
    var found = counts(changes), sections = group(changes, older, newer);
    var overall = strongest(changes) || "non-material";
    out.textContent = "";
    var title = el("h2", { id: "any-title", tabindex: "-1" },
                   "What changed from " + older.version + " to " + newer.version);
    var summary = add(el("p", { "class": "summary" }), "Verdict: ", badge(overall),
      ". " + changes.length + " change" + (changes.length === 1 ? "" : "s") + ": " +
      found.material + " material, " + found.review + " to review, " +
      found["non-material"] + " non-material.");
    var note = el("p", { "class": "note" }, "Each change carries the verdicts kpversion " +
      "recorded, revision by revision, for the changes that made it.");
    add(out, title, summary, note, el("p", { "class": "legend" },
      "Deleted words are struck through; inserted words are underlined. " +
      "Sections without changes are folded."));
    if (!changes.length) { add(out, el("p", {}, "The two texts are identical.")); return title; }
    add(out, filterForm(found), toc(sections, lang), el("h2", { id: "changes" }, "Redline"));
    var body = add(el("div", { "class": "sections" }));
    sections.forEach(function (section) { add(body, sectionNode(section, lang)); });
    add(out, body, changeTable(changes, lang));
    setUpFilter(out);
    return title;
  }

  function filterForm(found) {
    var form = el("form", { "class": "filter", "aria-label": "Show changes by verdict" });
    var fieldset = add(el("fieldset"), el("legend", {}, "Show changes"));
    ["material", "review", "non-material"].forEach(function (verdict) {
      var box = el("input", { type: "checkbox", name: "verdict", value: verdict });
      box.checked = true;
      add(fieldset, add(el("label"), box, " " + LABEL[verdict] + " (" + found[verdict] + ")"));
    });
    return add(form, fieldset, el("p", { "class": "filter-status", role: "status" }));
  }

  function toc(sections, lang) {
    var list = el("ol");
    sections.forEach(function (section) {
      var item = el("li", { "class": section.changes.length ? "toc-changed" : "toc-unchanged",
                            "data-verdicts": verdictsOf(section.changes),
                            "data-depth": String(Math.min(Math.max(section.path.length, 1), 6)) });
      add(item, el("a", textAttrs(lang, { href: "#" + section.anchor }), sectionTitle(section.path)));
      if (section.changes.length) {
        var n = section.changes.length;
        add(item, " ", add(el("span", { "class": "toc-count" }),
          n + " change" + (n === 1 ? "" : "s") + ", ", badge(strongest(section.changes))));
      } else if (!section.removed) {
        add(item, " ", el("span", { "class": "toc-count" }, "unchanged"));
      }
      add(list, item);
    });
    return add(el("nav", { "class": "toc", "aria-label": "Sections" }), el("h2", {}, "Sections"), list);
  }

  function sectionText(section, lang) {
    var box = el("div", textAttrs(lang, { "class": "section-text" }));
    section.blocks.forEach(function (block) {
      if (block.k !== "heading" && block.k !== "front-matter") { add(box, el("p", {}, block.t)); }
    });
    return box;
  }

  function sectionNode(section, lang) {
    var title = sectionTitle(section.path);
    if (!section.changes.length) {
      var folded = el("section", { "class": "cmp-section unchanged", id: section.anchor,
                                   "aria-label": title + " (unchanged)" });
      var details = add(el("details"), add(el("summary"), el("span", textAttrs(lang, {}), title),
        " ", el("span", { "class": "toc-count" }, "unchanged")), sectionText(section, lang));
      return add(folded, details);
    }
    var node = el("section", { "class": "cmp-section changed", id: section.anchor,
                               "data-verdicts": verdictsOf(section.changes),
                               "aria-labelledby": section.anchor + "-title" });
    var heading = el("h3", { id: section.anchor + "-title" });
    if (section.path.length > 1) {
      add(heading, el("span", textAttrs(lang, { "class": "parents" }),
        section.path.slice(0, -1).join(" › ") + " › "));
    }
    add(heading, el("span", textAttrs(lang, {}), title));
    if (section.removed) { add(heading, " ", el("span", { "class": "gone" }, "(section removed)")); }
    var c = counts(section.changes), n = section.changes.length;
    var folded = el("details", { "class": "section-changes" });
    if (lang.total < lang.foldFrom) { folded.open = true; }
    add(folded, el("summary", {}, n + " change" + (n === 1 ? "" : "s") + ": " + c.material +
      " material, " + c.review + " to review, " + c["non-material"] + " non-material"));
    var list = el("ol", { "class": "changes" });
    section.changes.forEach(function (change) {
      var verdict = change.verdict, pair = texts(change);
      var head = add(el("p", { "class": "change-head" }),
        change.kind.charAt(0).toUpperCase() + change.kind.slice(1) + " " +
        ((change["new"] || change.old).k === "heading" ? "heading" : "block") + " · ", badge(verdict.verdict),
        verdict.direction !== "unknown" ? " · " + verdict.direction.replace("_", " ") : "");
      var item = add(el("li", { "class": "change change-" + change.kind, id: "change-" + change.number,
                                "data-verdict": verdict.verdict, value: String(change.number) }),
        head, langed(redline(pair[0], pair[1]), lang));
      if (verdict.reasons.length) {
        add(item, el("p", { "class": "reason" }, verdict.reasons.slice(0, 3).join("; ") +
          (verdict.reasons.length > 3 ? "; and " + (verdict.reasons.length - 3) + " more" : "")));
      }
      add(list, item);
    });
    add(folded, list);
    if (!section.removed) {
      add(folded, add(el("details", { "class": "whole" }),
        el("summary", {}, "The whole section as it now reads"), sectionText(section, lang)));
    }
    return add(node, heading, folded);
  }

  function langed(node, lang) {
    var attrs = textAttrs(lang, {});
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  function changeTable(changes, lang) {
    var details = el("details", { "class": "change-table" });
    if (changes.length <= 20) { details.open = true; }
    add(details, add(el("summary"), el("h2", { id: "change-list" }, "Change list")));
    var table = el("table", { "class": "change-list" });
    add(table, el("caption", {}, "Every change with its verdict, direction and reason"));
    var head = el("tr");
    ["#", "Change", "Section", "Verdict", "Direction", "Reason"].forEach(function (name) {
      add(head, el("th", { scope: "col" }, name));
    });
    add(table, add(el("thead"), head));
    var body = el("tbody");
    changes.forEach(function (change) {
      var block = change["new"] || change.old, verdict = change.verdict;
      var row = el("tr", { "data-verdict": verdict.verdict });
      add(row, add(el("td"), el("a", { href: "#change-" + change.number }, String(change.number))),
        el("td", {}, change.kind + " " + (block.k === "heading" ? "heading" : "block")),
        el("td", textAttrs(lang, {}), change.section),
        add(el("td"), badge(verdict.verdict), verdict.rules.length ?
          add(el("span", { "class": "rules" }), " " + verdict.rules.join(", ")) : null),
        el("td", {}, verdict.direction.replace("_", " ")),
        el("td", {}, verdict.reasons.join("; ")));
      add(body, row);
    });
    add(table, body);
    var box = el("div", { "class": "table-wrap", role: "group", "aria-labelledby": "change-list",
                          tabindex: "0" });
    return add(details, add(box, table));
  }

  // --- loading --------------------------------------------------------------------------

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    }).then(function (data) {
      if (data.format !== FORMAT) { throw new Error(url + ": not a format this page reads"); }
      return data;
    });
  }

  function compareAny(out, status) {
    var versions = out.getAttribute("data-versions").split(" ");
    var params = new URLSearchParams(window.location.search);
    var oldVersion = params.get("old"), newVersion = params.get("new");
    if (!oldVersion || !newVersion) { return; }
    var i = versions.indexOf(oldVersion), j = versions.indexOf(newVersion);
    if (i < 0 || j < 0) { status.textContent = "There is no such version to compare."; return; }
    if (i > j) { var swap = i; i = j; j = swap; }
    document.getElementById("old").value = versions[i];
    document.getElementById("new").value = versions[j];
    if (i === j) { status.textContent = "These are the same version: there is nothing to compare."; return; }
    if (j === i + 1) { window.location.replace(versions[i] + "..." + versions[j] + "/index.html"); return; }
    if (!window.Diff) { status.textContent = "The word diff (static/diff.min.js) did not load."; return; }
    status.textContent = "Comparing " + versions[i] + " with " + versions[j] + "…";
    var loads = [fetchJson("../" + versions[i] + "/document.json"),
                 fetchJson("../" + versions[j] + "/document.json")];
    for (var k = i + 1; k <= j; k++) {
      loads.push(fetchJson(versions[k - 1] + "..." + versions[k] + "/changes.json"));
    }
    Promise.all(loads).then(function (data) {
      var older = data[0], newer = data[1], changes = compose(older, newer, data.slice(2));
      changes.forEach(function (change) {
        var path = change["new"] ? newer.sections[change["new"].s] : older.sections[change.old.s];
        change.section = path.length ? path.join(" › ") : "(before the first heading)";
      });
      var title = render(out, older, newer, changes);
      status.textContent = changes.length + " changes between " + versions[i] + " and " + versions[j] + ".";
      title.focus();
    }).catch(function (error) {
      status.textContent = window.location.protocol === "file:" ?
        "Comparing two versions needs the site to be served over HTTP: browsers do not let a " +
        "page read the site's files from disk." :
        "The comparison could not be loaded (" + error.message + ").";
    });
  }

  /* A link to a section or change opens the folds around it. */
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    var folds = target && target.querySelector("details.section-changes");
    if (folds) { folds.open = true; }
  }

  function start() {
    window.addEventListener("hashchange", openTarget);
    openTarget();
    var out = document.getElementById("any-result");
    if (out) {
      var status = el("p", { id: "any-status", role: "status" });
      out.parentNode.insertBefore(status, out);
      compareAny(out, status);
    }
    setUpFilter(document);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
