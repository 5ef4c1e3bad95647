/* A short SCORM package written by the project: four pages, one question. It keeps its place in
 * lesson_location/location and suspend_data, so it resumes where the learner stopped, and reports
 * completed and passed (with the score and the answer as an interaction) on the last page.
 * It speaks SCORM 1.2 or 2004, as <html data-scorm> says (the demo loader writes the manifest). */
(function () {
  "use strict";
  var is2004 = document.documentElement.getAttribute("data-scorm") === "2004";
  var api = is2004 ? window.API_1484_11 : window.API;
  function call(name12, name2004) {
    var args = Array.prototype.slice.call(arguments, 2);
    if (!api) return "";
    var fn = api[is2004 ? name2004 : name12];
    return fn.apply(api, args);
  }
  function get(key12, key2004) { return call("LMSGetValue", "GetValue", is2004 ? key2004 : key12); }
  function set(key12, key2004, value) { return call("LMSSetValue", "SetValue", is2004 ? key2004 : key12, String(value)); }
  function commit() { return call("LMSCommit", "Commit", ""); }

  var pages = document.querySelectorAll(".sida");
  var last = pages.length;
  var state = { sida: 1, svar: "" };
  call("LMSInitialize", "Initialize", "");
  try {
    var saved = get("cmi.suspend_data", "cmi.suspend_data");
    if (saved) state = JSON.parse(saved);
  } catch (e) { state = { sida: 1, svar: "" }; }
  if (!(state.sida >= 1 && state.sida <= last)) state.sida = 1;

  function show(n) {
    state.sida = n;
    pages.forEach(function (page) { page.hidden = Number(page.dataset.sida) !== n; });
    document.getElementById("steg").textContent = "Sida " + n + " av " + last;
    document.getElementById("bakat").disabled = n === 1;
    document.getElementById("nasta").disabled = n === last;
    if (state.svar) {
      var chosen = document.querySelector("input[value=" + state.svar + "]");
      if (chosen) chosen.checked = true;
    }
    set("cmi.core.lesson_location", "cmi.location", "sida-" + n);
    set("cmi.suspend_data", "cmi.suspend_data", JSON.stringify(state));
    if (n === last) {
      var right = state.svar === "nej";
      set("cmi.core.score.min", "cmi.score.min", 0);
      set("cmi.core.score.max", "cmi.score.max", 100);
      set("cmi.core.score.raw", "cmi.score.raw", right ? 100 : 0);
      if (is2004) set("", "cmi.score.scaled", right ? 1 : 0);
      set("cmi.interactions.0.id", "cmi.interactions.0.id", "anonymitet");
      set("cmi.interactions.0.type", "cmi.interactions.0.type", "choice");
      if (is2004) set("", "cmi.interactions.0.description", "Måste den som begär ut en allmän handling tala om vem hen är?");
      set("cmi.interactions.0.student_response", "cmi.interactions.0.learner_response", state.svar || "inget");
      set("cmi.interactions.0.result", "cmi.interactions.0.result", right ? "correct" : (is2004 ? "incorrect" : "wrong"));
      if (is2004) {
        set("", "cmi.completion_status", "completed");
        set("", "cmi.success_status", right ? "passed" : "failed");
      } else {
        set("cmi.core.lesson_status", "", right ? "passed" : "failed");
      }
    } else if (get("cmi.core.lesson_status", "cmi.completion_status") !== "completed" &&
               get("cmi.core.lesson_status", "cmi.completion_status") !== "passed") {
      set("cmi.core.lesson_status", "cmi.completion_status", "incomplete");
    }
    commit();
    document.body.setAttribute("data-committed-page", String(n));
  }

  document.getElementById("nasta").addEventListener("click", function () {
    if (state.sida === 3) {
      var chosen = document.querySelector("input[name=svar]:checked");
      state.svar = chosen ? chosen.value : "";
      if (!chosen) {
        document.getElementById("aterkoppling").textContent = "Välj ett svar först.";
        return;
      }
    }
    show(state.sida + 1);
  });
  document.getElementById("bakat").addEventListener("click", function () { show(state.sida - 1); });
  window.addEventListener("pagehide", function () { call("LMSFinish", "Terminate", ""); });
  show(state.sida);
})();
