// fogofwar dashboard: hover cards. An element with data-cards="id1 id2" shows, on hover
// or keyboard focus, copies of the hidden cards with those ids (rendered by the server).
// Cards are cloned DOM nodes: no HTML is ever built from strings here.
(function () {
  "use strict";
  var tip = document.getElementById("hovercard");
  if (!tip) return;
  var current = null;
  var hideTimer = null;

  function show(target) {
    var ids = (target.getAttribute("data-cards") || "").split(/\s+/);
    tip.replaceChildren();
    ids.forEach(function (id) {
      var card = id && document.getElementById(id);
      if (card) {
        var copy = card.cloneNode(true);
        copy.removeAttribute("id");
        tip.appendChild(copy);
      }
    });
    if (!tip.childElementCount) return hide();
    current = target;
    tip.hidden = false;
    place(target);
  }

  function place(target) {
    var box = target.getBoundingClientRect();
    var width = tip.offsetWidth, height = tip.offsetHeight;
    var left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8));
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - 8) top = Math.max(8, box.top - height - 6);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function hide() {
    tip.hidden = true;
    current = null;
  }

  function later() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  document.addEventListener("mouseover", function (event) {
    if (tip.contains(event.target)) { clearTimeout(hideTimer); return; }
    var target = event.target.closest && event.target.closest("[data-cards]");
    if (target) {
      clearTimeout(hideTimer);
      if (target !== current) show(target);
    } else if (current) {
      later();
    }
  });
  document.addEventListener("focusin", function (event) {
    var target = event.target.closest && event.target.closest("[data-cards]");
    if (target) show(target);
  });
  document.addEventListener("focusout", function (event) {
    if (event.target === current) later();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", function () { if (current) place(current); }, { passive: true });
})();
