/* The H5P player in its sandboxed frame (lms/packages h5p_player.html): h5p-standalone plays the package
 * from its files; each xAPI statement goes to the lesson page, which sends it to the server. */
(function () {
  "use strict";
  var el = document.getElementById("h5p-container");
  new window.H5PStandalone.H5P(el, {
    h5pJsonPath: el.dataset.base,
    frameJs: el.dataset.frameJs,
    frameCss: el.dataset.frameCss,
    icon: false,
    embedType: "div", // in this document: a frame of its own inside the sandbox would have no document to write to
  }).then(function () {
    window.H5P.externalDispatcher.on("xAPI", function (event) {
      window.parent.postMessage({ type: "lms-h5p-xapi", statement: event.data.statement }, el.dataset.origin);
    });
  });
})();
