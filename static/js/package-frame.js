/* First in every page of a SCORM package, in its sandboxed frame (put there by lms/packages/views.py):
 * scorm-again's cross-frame client becomes the API the package looks for (window.API for SCORM 1.2,
 * window.API_1484_11 for 2004), posting to the lesson page, which runs the real runtime. Its cache starts
 * from the learner's saved state, so a package that reads where it stopped right after initialising
 * (before any answer could come back) resumes there. */
(function () {
  "use strict";
  var boot = JSON.parse(document.getElementById("lms-package-state").textContent);
  var api = new window.CrossFrameAPI(boot.origin, window.parent);
  Object.keys(boot.state).forEach(function (key) {
    api._cache.set(key, String(boot.state[key])); // scorm-again 3.4's cache (pinned; the resume test guards it)
  });
  window.API = api;
  window.API_1484_11 = api;
})();
