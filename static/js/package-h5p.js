/* The H5P player in its sandboxed frame (lms/packages h5p_player.html): h5p-standalone plays the package
 * from its files; each xAPI statement, and the content type's resume state whenever it changes, go to the
 * lesson page, which sends them to the server. The state the server kept comes back as previousState. */
(function () {
  "use strict";
  var el = document.getElementById("h5p-container");
  var origin = el.dataset.origin;
  var saved = JSON.parse(document.getElementById("lms-h5p-state").textContent || '""');
  var SAVE_SECONDS = 30;
  var options = {
    h5pJsonPath: el.dataset.base,
    frameJs: el.dataset.frameJs,
    frameCss: el.dataset.frameCss,
    icon: false,
    embedType: "div", // in this document: a frame of its own inside the sandbox would have no document to write to
    saveFreq: SAVE_SECONDS,
  };
  // As H5P's core reads it (H5P.getUserData: contentUserData[subContentId 0].state, JSON text), which
  // h5p-standalone hands over as given.
  if (saved) options.contentUserData = [{ state: saved }];

  var sentState = saved;
  function sendState() {
    var instance = window.H5P && window.H5P.instances && window.H5P.instances[0];
    if (!instance || typeof instance.getCurrentState !== "function") return;
    var state = instance.getCurrentState();
    if (state === undefined || state === null) return;
    var text = JSON.stringify(state);
    if (text === sentState) return;
    sentState = text;
    window.parent.postMessage({ type: "lms-h5p-state", state: text }, origin);
  }

  new window.H5PStandalone.H5P(el, options).then(function () {
    window.H5P.externalDispatcher.on("xAPI", function (event) {
      window.parent.postMessage({ type: "lms-h5p-xapi", statement: event.data.statement }, origin);
      sendState();
    });
    window.setInterval(sendState, SAVE_SECONDS * 1000);
    window.addEventListener("pagehide", sendState);
  });
})();
