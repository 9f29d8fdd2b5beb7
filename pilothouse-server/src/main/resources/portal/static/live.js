// Live updates for the portal. Every element with data-live subscribes to the server-sent events
// at that URL and applies them in place: "upsert" replaces (or inserts, in sort order) the element
// with the event's id by server-rendered HTML, "remove" deletes it, "reload" reloads the page.
// Pages are complete without this script; it only keeps them current.
(function () {
  "use strict";

  function parse(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function insertSorted(box, element) {
    var key = element.dataset.sort;
    var rows = box.children;
    for (var i = 0; i < rows.length; i++) {
      if (key !== undefined && rows[i].dataset.sort > key) {
        box.insertBefore(element, rows[i]);
        return;
      }
    }
    box.appendChild(element);
  }

  function showEmpty(box) {
    var empty = box.dataset.empty && document.getElementById(box.dataset.empty);
    if (empty) {
      empty.hidden = box.children.length > 0;
    }
  }

  function subscribe(box) {
    var source = new EventSource(box.dataset.live);
    var badge = document.querySelector("[data-live-badge]");
    source.onopen = function () { if (badge) { badge.hidden = false; } };
    source.onerror = function () { if (badge) { badge.hidden = true; } };
    source.addEventListener("upsert", function (e) {
      var msg = JSON.parse(e.data);
      var fresh = parse(msg.html);
      var old = document.getElementById(msg.id);
      if (old) { old.replaceWith(fresh); } else { insertSorted(box, fresh); }
      showEmpty(box);
    });
    source.addEventListener("remove", function (e) {
      var old = document.getElementById(JSON.parse(e.data).id);
      if (old) { old.remove(); }
      showEmpty(box);
    });
    source.addEventListener("reload", function () {
      source.close();
      window.location.reload();
    });
  }

  document.querySelectorAll("[data-live]").forEach(subscribe);
})();
