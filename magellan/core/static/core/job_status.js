// Polls each job's JSON status, updates its progress bar and status text, then goes to the result.
(function () {
  "use strict";
  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }
  function render(box, state) {
    var bar = box.querySelector("progress");
    var status = box.querySelector("[data-job-status]");
    if (bar) {
      bar.value = state.percent;
      bar.textContent = state.percent + " %";
    }
    var text = escape(state.status_label);
    if (state.total) { text += " — " + state.done + " / " + state.total; }
    if (state.message) { text += " — " + escape(state.message); }
    if (state.status === "failed") {
      status.innerHTML = '<div class="fr-alert fr-alert--error fr-alert--sm"><p>' + text + " : " + escape(state.error) + "</p></div>";
    } else if (state.finished && state.url) {
      status.innerHTML = '<p>' + text + ' <a class="fr-link" href="' + escape(state.url) + '">' + escape(box.dataset.resultLabel || "→") + "</a></p>";
    } else {
      status.innerHTML = "<p>" + text + "</p>";
    }
  }
  function poll(box) {
    fetch(box.dataset.jobUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        render(box, state);
        if (!state.finished) {
          window.setTimeout(function () { poll(box); }, 500);
        } else if (state.status === "succeeded" && state.url) {
          window.location.assign(state.url);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(box); }, 3000); });
  }
  document.querySelectorAll(".magellan-job").forEach(function (box) {
    if (box.dataset.jobFinished !== "true") { poll(box); }
  });
})();
