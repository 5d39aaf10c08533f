/* kpversion change banner: <script src="https://example.org/site/<slug>/banner.js" defer></script>
 * Reads banner.json next to this script, shows the latest material notice during its window,
 * and remembers a dismissal per statement and version. The dismiss button or Escape closes it;
 * focus then moves to the next focusable element after it, or to the page's main landmark.
 * No third-party requests, text only through textContent. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var base = new URL(".", script.src);
  var today = script.getAttribute("data-today") || isoToday();

  function isoToday() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function storageKey(data) {
    return "kpversion-banner:" + data.statement + ":" + data.notice.version;
  }

  function dismissed(key) {
    try { return window.localStorage.getItem(key) === "dismissed"; } catch (e) { return false; }
  }

  function remember(key) {
    try { window.localStorage.setItem(key, "dismissed"); } catch (e) { /* private mode */ }
  }

  function safeUrl(href) {
    var url = new URL(href, base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  }

  function element(tag, text, styles) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(styles || {}).forEach(function (k) { node.style[k] = styles[k]; });
    return node;
  }

  function render(data) {
    var notice = data.notice;
    var key = storageKey(data);
    var region = element("section", "", {
      background: "#12355b", color: "#ffffff", padding: "0.75rem 3.5rem 0.75rem 1rem",
      font: "16px/1.4 system-ui, sans-serif", position: "relative", margin: "0"
    });
    region.setAttribute("role", "region");
    region.setAttribute("aria-label", data.title + ": notice of changes");
    region.className = "kpversion-banner";
    var text = element("p", "", { margin: "0" });
    text.appendChild(element("strong", notice.title));
    var said = notice.text !== undefined ? notice.text :
      (notice.summary ? notice.summary + " " : "") + "Effective " + notice.effective + ".";
    text.appendChild(document.createTextNode((said ? ": " + said : "") + " "));
    var href = safeUrl(notice.url);
    if (href) {
      var link = element("a", "See what changed", { color: "#ffffff", textDecoration: "underline" });
      link.href = href;
      text.appendChild(link);
    }
    region.appendChild(text);
    var close = element("button", "\u00d7", {
      position: "absolute", top: "0.5rem", right: "0.75rem", background: "transparent",
      color: "#ffffff", border: "2px solid #ffffff", borderRadius: "4px", font: "20px/1 sans-serif",
      padding: "0.2rem 0.5rem", cursor: "pointer"
    });
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss notice");
    function dismiss() {
      var focusWasHere = region.contains(document.activeElement) ||
        document.activeElement === document.body;
      var after = focusWasHere ? nextFocusable(region) : null;
      remember(key);
      region.parentNode.removeChild(region);
      if (focusWasHere) { after.focus(); }
    }
    close.addEventListener("click", dismiss);
    region.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") { event.preventDefault(); dismiss(); }
    });
    region.appendChild(close);
    document.body.insertBefore(region, document.body.firstChild);
  }

  var FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), " +
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

  /* The first visible focusable element after node, else the main landmark (made focusable
   * for the script only), else the body. */
  function nextFocusable(node) {
    var candidates = document.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < candidates.length; i++) {
      var candidate = candidates[i];
      var after = node.compareDocumentPosition(candidate) & Node.DOCUMENT_POSITION_FOLLOWING;
      if (after && !node.contains(candidate) && candidate.getClientRects().length) {
        return candidate;
      }
    }
    var main = document.querySelector("main, [role=main]");
    if (main) {
      if (!main.hasAttribute("tabindex")) { main.setAttribute("tabindex", "-1"); }
      return main;
    }
    return document.body;
  }

  function show(data) {
    var notice = data && data.notice;
    if (!notice || today < notice.start || today > notice.end) { return; }
    if (dismissed(storageKey(data))) { return; }
    if (document.body) { render(data); }
    else { document.addEventListener("DOMContentLoaded", function () { render(data); }); }
  }

  // no-cache: revalidate every time, so a new notice shows on the next page view.
  fetch(new URL("banner.json", base).href, { credentials: "omit", cache: "no-cache" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(show)
    .catch(function () { /* no banner is better than a broken page */ });
})();
