// Drag a person from one group to another on the session's groups page.
// Progressive enhancement: without JavaScript each row's "Déplacer" form does the same move.
// A drop posts that same form (same view, same service, same permission) asking for JSON,
// then reloads the page's groups and scores in place and says what happened in a live region.
(function () {
  "use strict";
  var dragged = null;

  function live() { return document.getElementById("groups-live"); }
  function status() { return document.getElementById("move-status"); }

  function enable(root) {
    root.querySelectorAll(".magellan-member").forEach(function (row) {
      row.setAttribute("draggable", "true");
      row.style.cursor = "grab";
    });
  }

  function say(text, level) {
    var box = status();
    if (!box) { return; }
    box.className = "fr-alert fr-alert--sm fr-mb-2w fr-alert--" + (level === "error" ? "error" : level === "warning" ? "warning" : "success");
    box.replaceChildren();
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
  }

  function refresh() {
    return fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("groups-live");
        var current = live();
        if (fresh && current) {
          current.replaceChildren.apply(current, Array.prototype.slice.call(fresh.childNodes).map(function (node) {
            return document.importNode(node, true);
          }));
          enable(current);
        }
      });
  }

  function move(row, section) {
    var form = row.querySelector("form");
    if (!form) { return; }
    var data = new FormData(form);
    data.set("group", section.dataset.group);
    var body = section.querySelector("tbody");
    if (body) { body.appendChild(row); }  // at once; the reload below brings the new scores
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          say(answer.message, response.ok ? answer.level : "error");
        });
      })
      .catch(function () { say(document.querySelector(".magellan-groups").dataset.errorLabel, "error"); })
      .then(refresh);
  }

  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest && event.target.closest(".magellan-member");
    if (!row) { return; }
    dragged = row;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.dataset.person);
  });
  document.addEventListener("dragend", function () {
    dragged = null;
    document.querySelectorAll(".magellan-group--target").forEach(function (section) {
      section.classList.remove("magellan-group--target");
      section.style.outline = "";
    });
  });
  document.addEventListener("dragover", function (event) {
    var section = dragged && event.target.closest && event.target.closest(".magellan-group");
    if (!section) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!section.classList.contains("magellan-group--target")) {
      document.querySelectorAll(".magellan-group--target").forEach(function (other) {
        other.classList.remove("magellan-group--target");
        other.style.outline = "";
      });
      section.classList.add("magellan-group--target");
      section.style.outline = "2px dashed var(--border-action-high-blue-france)";
    }
  });
  document.addEventListener("drop", function (event) {
    var section = dragged && event.target.closest && event.target.closest(".magellan-group");
    if (!section) { return; }
    event.preventDefault();
    var row = dragged;
    dragged = null;
    section.classList.remove("magellan-group--target");
    section.style.outline = "";
    if (row.closest(".magellan-group") === section) { return; }
    move(row, section);
  });

  var root = live();
  if (root) { enable(root); }
})();
