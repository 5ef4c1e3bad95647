/* Small improvements on top of pages that work without script (the site's CSP allows no inline script). */
(function () {
  "use strict";

  // After a failed submit the page comes back with an error summary: take the focus there, so that a
  // screen reader reads it and a keyboard continues from it (form_errors.html, the quiz).
  function focusErrorSummary() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  }

  // "Swipe sideways" only where a wide table is really cut; without script, site.css shows it on narrow screens.
  function watchWideTables() {
    var regions = document.querySelectorAll(".table-wrap--wide[aria-describedby]");
    regions.forEach(function (region) {
      var hint = document.getElementById(region.getAttribute("aria-describedby"));
      if (!hint) {
        return;
      }
      var update = function () {
        hint.dataset.needed = region.scrollWidth > region.clientWidth + 1 ? "true" : "false";
      };
      update();
      if ("ResizeObserver" in window) {
        new ResizeObserver(update).observe(region);
      }
    });
  }

  // Browsers that cannot style <details> content (no ::details-content) keep the menu button at every
  // width; open the menu for them on wide screens so that the links are in view, as elsewhere.
  function openMenuOnWideScreens() {
    var menu = document.querySelector(".site-menu");
    if (!menu || !window.CSS || CSS.supports("selector(::details-content)")) {
      return;
    }
    if (window.matchMedia("(min-width: 56rem)").matches) {
      menu.open = true;
    }
  }

  focusErrorSummary();
  watchWideTables();
  openMenuOnWideScreens();
})();
