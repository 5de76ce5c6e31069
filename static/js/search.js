// Starts Pagefind's search interface on the search page. The page reads in
// full without this: it then offers the archive, topics and events instead.
// The index is in parts (the latest years, then decades; newest first in
// data-bundles): the newest is searched directly, the others merged into it.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  // Absolute addresses: Pagefind would resolve a merged part's relative
  // address against the first part's folder, not against this page.
  var bundles = (element.dataset.bundles || "")
    .split(" ")
    .filter(Boolean)
    .map(function (path) {
      return new URL(path, window.location.href).pathname;
    });
  if (bundles.length === 0) {
    return;
  }
  element.textContent = "";
  new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (path) {
      return { bundlePath: path };
    }),
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
  });
  labelTheBox(element);
});

// Pagefind's box has only a placeholder, which disappears as one types: give it a
// visible label, as every other field has.
function labelTheBox(element) {
  var input = element.querySelector(".pagefind-ui__search-input");
  if (!input) {
    return;
  }
  input.id = "search-input";
  var label = document.createElement("label");
  label.className = "search__label";
  label.htmlFor = input.id;
  label.textContent = element.dataset.label || "Search";
  element.insertBefore(label, element.firstChild);
}
