/* A one-question H5P content type written by the project (an H5P library like any other, played by
 * h5p-standalone): radio buttons, an answer button, feedback; it reports xAPI "answered" with the answer
 * and "completed" with the score, through H5P's own EventDispatcher. Its state (the answer chosen, whether
 * it was given) is H5P's getCurrentState(), and it starts from H5P's previousState: it resumes. */
var H5P = H5P || {};
H5P.LmsFraga = (function () {
  "use strict";
  function LmsFraga(params, contentId, extras) {
    H5P.EventDispatcher.call(this);
    this.params = params;
    this.contentId = contentId;
    var previous = extras && extras.previousState;
    this.state = previous && typeof previous === "object" ? previous : { svar: null, besvarad: false };
  }
  LmsFraga.prototype = Object.create(H5P.EventDispatcher.prototype);
  LmsFraga.prototype.constructor = LmsFraga;

  LmsFraga.prototype.getCurrentState = function () {
    return this.state;
  };

  LmsFraga.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get(0);
    root.classList.add("h5p-lms-fraga");
    var form = document.createElement("form");
    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = self.params.question;
    fieldset.appendChild(legend);
    self.params.answers.forEach(function (answer, index) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "svar";
      input.value = String(index);
      input.checked = self.state.svar === index;
      input.addEventListener("change", function () { self.state.svar = index; });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + answer.text));
      fieldset.appendChild(label);
    });
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = self.params.check;
    var feedback = document.createElement("p");
    feedback.setAttribute("role", "status");
    form.appendChild(fieldset);
    form.appendChild(button);
    form.appendChild(feedback);
    root.appendChild(form);
    if (self.state.besvarad && self.params.answers[self.state.svar]) {
      feedback.textContent = self.params.answers[self.state.svar].correct ? self.params.right : self.params.wrong;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[name=svar]:checked");
      if (!chosen) return;
      var answer = self.params.answers[Number(chosen.value)];
      var score = answer.correct ? 1 : 0;
      feedback.textContent = answer.correct ? self.params.right : self.params.wrong;
      self.state = { svar: Number(chosen.value), besvarad: true };
      var answered = self.createXAPIEventTemplate("answered");
      var definition = answered.getVerifiedStatementValue(["object", "definition"]);
      definition.description = { "sv-SE": self.params.question };
      definition.interactionType = "choice";
      answered.setScoredResult(score, 1, self, true, answer.correct);
      answered.data.statement.result.response = answer.text;
      self.trigger(answered);
      self.triggerXAPIScored(score, 1, "completed", true, answer.correct);
    });
  };
  return LmsFraga;
})();
