/* Before h5p-standalone, in the H5P player's sandboxed frame: H5P's core reads window.localStorage (its
 * clipboard), which a document without an origin may not touch (SecurityError). An in-memory stand-in,
 * gone with the frame: the sandbox stays as strict as it is. */
(function () {
  "use strict";
  try {
    window.localStorage.getItem("x");
  } catch (e) {
    var items = {};
    var memory = {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null; },
      setItem: function (key, value) { items[key] = String(value); },
      removeItem: function (key) { delete items[key]; },
      clear: function () { items = {}; },
      key: function (i) { return Object.keys(items)[i] || null; },
      get length() { return Object.keys(items).length; },
    };
    Object.defineProperty(window, "localStorage", { value: memory, configurable: true });
  }
})();
