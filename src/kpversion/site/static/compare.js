/* kpversion "compare any two versions": a consecutive pair goes to its prebuilt page (with
 * verdicts); any other pair is diffed here from the exact published texts (<version>/statement.md),
 * paragraphs first, then words inside changed paragraphs. Text only through textContent. */
(function () {
  "use strict";
  var MAX_CELLS = 400000;

  function lcsOps(a, b) {
    var n = a.length, m = b.length, i, j;
    if (n * m > MAX_CELLS) { return [["delete", a], ["insert", b]]; }
    var t = [];
    for (i = 0; i <= n; i++) { t.push(new Uint32Array(m + 1)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    var ops = [];
    function push(op, item) {
      var last = ops[ops.length - 1];
      if (last && last[0] === op) { last[1].push(item); } else { ops.push([op, [item]]); }
    }
    i = 0; j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { push("equal", a[i]); i++; j++; }
      else if (t[i + 1][j] >= t[i][j + 1]) { push("delete", a[i]); i++; }
      else { push("insert", b[j]); j++; }
    }
    while (i < n) { push("delete", a[i++]); }
    while (j < m) { push("insert", b[j++]); }
    return ops;
  }

  function blocks(text) {
    return text.replace(/\r\n/g, "\n").split(/\n\s*\n/).map(function (s) { return s.trim(); })
      .filter(function (s) { return s.length > 0; });
  }

  function words(text) { return text.match(/\s+|[^\s]+/g) || []; }

  function span(tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function wordBlock(oldText, newText) {
    var p = document.createElement("p");
    p.className = "block";
    lcsOps(words(oldText), words(newText)).forEach(function (op) {
      var text = op[1].join("");
      if (op[0] === "equal") { p.appendChild(document.createTextNode(text)); }
      else { p.appendChild(span(op[0] === "delete" ? "del" : "ins", text)); }
    });
    return p;
  }

  function render(out, oldText, newText) {
    var ops = lcsOps(blocks(oldText), blocks(newText)), changed = 0;
    for (var k = 0; k < ops.length; k++) {
      var op = ops[k];
      if (op[0] === "equal") { continue; }
      changed++;
      var next = ops[k + 1];
      if (op[0] === "delete" && next && next[0] === "insert") {
        var pairs = Math.max(op[1].length, next[1].length);
        for (var x = 0; x < pairs; x++) { out.appendChild(wordBlock(op[1][x] || "", next[1][x] || "")); }
        k++;
      } else {
        op[1].forEach(function (b) {
          out.appendChild(op[0] === "delete" ? wordBlock(b, "") : wordBlock("", b));
        });
      }
    }
    if (!changed) { out.appendChild(span("p", "The two texts are identical.")); }
  }

  function fetchText(version) {
    return fetch("../" + version + "/statement.md").then(function (r) {
      if (!r.ok) { throw new Error(version); }
      return r.text();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var out = document.getElementById("any-result");
    var params = new URLSearchParams(window.location.search);
    var oldV = params.get("old"), newV = params.get("new");
    var valid = /^\d{4}-\d{2}-\d{2}$/;
    if (!out || !oldV || !newV || !valid.test(oldV) || !valid.test(newV)) { return; }
    document.getElementById("old").value = oldV;
    document.getElementById("new").value = newV;
    var pair = oldV + "..." + newV;
    if (out.getAttribute("data-pairs").split(" ").indexOf(pair) >= 0) {
      window.location.replace(pair + "/index.html");
      return;
    }
    out.appendChild(span("h2", "Changes from " + oldV + " to " + newV));
    Promise.all([fetchText(oldV), fetchText(newV)]).then(function (texts) {
      render(out, texts[0], texts[1]);
    }).catch(function () {
      out.appendChild(span("p", "The texts could not be loaded (open this page through a web server)."));
    });
  });
})();
