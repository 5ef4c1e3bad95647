/* The runtime of a package lesson, in the lesson page (the parent of the sandboxed package frame).
 *
 * SCORM: scorm-again's real API (Scorm12API / Scorm2004API) runs here, started from the learner's saved
 * state, and commits to the lesson's commit URL with the session and the CSRF token. The package, in a
 * frame without an origin of its own, cannot reach window.parent.API; scorm-again's CrossFrameLMS answers
 * its cross-frame client (put into the package's pages by the server) by postMessage instead. Sandboxed
 * frames post with the origin "null", so CrossFrameLMS takes any origin; the listener added before it lets
 * through only messages from this page's own package frame.
 * H5P: the player in the frame posts each xAPI statement; only the frame's are sent on. */
(function () {
  "use strict";
  var frame = document.getElementById("package-frame");
  if (!frame) return;
  var kind = frame.dataset.kind;
  var commitUrl = frame.dataset.commitUrl;
  var launch = frame.dataset.launch;
  var csrf = document.querySelector("#package-csrf input[name=csrfmiddlewaretoken]").value;
  var status = document.getElementById("package-status");

  function show(body) {
    if (!status) return;
    status.textContent = body && body.result ? (body.done ? status.dataset.done : status.dataset.saved) : status.dataset.failed;
    status.classList.toggle("status--done", !!(body && body.done));
  }

  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow) event.stopImmediatePropagation();
  });

  if (kind === "h5p") {
    // One statement at a time, in the order the interaction made them: "answered" and "completed"
    // often come together, and the second must not overtake (or race) the first.
    var sent = Promise.resolve();
    window.addEventListener("message", function (event) {
      var data = event.data;
      var payload;
      if (data && data.type === "lms-h5p-xapi" && typeof data.statement === "object") payload = data.statement;
      else if (data && data.type === "lms-h5p-state" && typeof data.state === "string") payload = { state: data.state };
      else return;
      sent = sent.then(function () {
        return fetch(commitUrl, {
          method: "POST",
          credentials: "same-origin",
          keepalive: true, // a state sent as the learner leaves still arrives
          headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
          body: JSON.stringify({ launch: launch, kind: kind, data: payload }),
        })
          .then(function (response) { return response.json(); })
          .then(show, function () { show(null); });
      });
    });
    return;
  }

  var Api = kind === "scorm12" ? window.Scorm12API : window.Scorm2004API;
  var api = new Api({
    lmsCommitUrl: commitUrl,
    dataCommitFormat: "flattened",
    useAsynchronousCommits: true,
    autocommit: false,
    logLevel: 4,
    xhrHeaders: { "X-CSRFToken": csrf },
    requestHandler: function (data, meta) {
      return { launch: launch, kind: kind, terminate: !!(meta && meta.isTerminateCommit), data: data };
    },
    responseHandler: function (response) {
      return response.json().then(
        function (body) { show(body); return { result: !!body.result, errorCode: body.result ? 0 : 101 }; },
        function () { show(null); return { result: false, errorCode: 101 }; }
      );
    },
  });
  api.loadFromFlattenedJSON(JSON.parse(document.getElementById("package-state").textContent));
  new window.CrossFrameLMS(api, "*");
  window.lmsPackageApi = api; // for the browser tests and whoever debugs a package
})();
