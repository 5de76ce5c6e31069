// Starts Pagefind's search interface on the search page. The page reads in
// full without this: it then offers the archive, topics and events instead.
window.addEventListener("DOMContentLoaded", function () {
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  element.textContent = "";
  new PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    autofocus: true,
  });
});
