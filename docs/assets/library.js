/* Onward letter library: filter the cards by channel, tone and topic, without a reload.
 *
 * Progressive enhancement: the filter form is rendered with `hidden`, so with scripts off
 * every letter shows and no dead controls appear. This script shows the form, hides the
 * cards that do not match, hides group headings left empty, and updates the live region
 * ("Showing N of M letters"). The choices are kept in the address (?channel=email&tone=warm),
 * so a filtered view can be shared. Runs on every page view, including after Material's
 * instant navigation (document$).
 */
(function () {
  "use strict";

  var FILTERS = ["channel", "tone", "tag"];
  var onHashChange = null; // set for the library page on view, cleared elsewhere

  function matches(card, choice) {
    if (choice.channel && card.getAttribute("data-channel") !== choice.channel) return false;
    if (choice.tone && card.getAttribute("data-tone") !== choice.tone) return false;
    if (choice.tag) {
      var tags = (card.getAttribute("data-tags") || "").split(/\s+/);
      if (tags.indexOf(choice.tag) === -1) return false;
    }
    return true;
  }

  function setUp() {
    var form = document.getElementById("letter-filters");
    if (!form) {
      onHashChange = null;
      return;
    }
    if (form.getAttribute("data-ready") === "true") return;
    form.setAttribute("data-ready", "true");

    var root = form.parentElement;
    var cards = Array.prototype.slice.call(root.querySelectorAll("article.onward-letter"));
    var headings = Array.prototype.slice.call(root.querySelectorAll(".onward-library__group"));
    var status = form.querySelector(".onward-filters__status");
    var empty = form.querySelector(".onward-filters__empty");
    var total = cards.length;

    function choice() {
      var found = {};
      FILTERS.forEach(function (name) {
        found[name] = form.elements[name] ? form.elements[name].value : "";
      });
      return found;
    }

    function rememberInAddress(current) {
      if (!window.history || !window.history.replaceState) return;
      var url = new URL(window.location.href);
      FILTERS.forEach(function (name) {
        if (current[name]) url.searchParams.set(name, current[name]);
        else url.searchParams.delete(name);
      });
      window.history.replaceState(window.history.state, "", url.toString());
    }

    function apply(remember) {
      var current = choice();
      var shown = 0;
      cards.forEach(function (card) {
        var visible = matches(card, current);
        card.hidden = !visible;
        var link = root.querySelector('.onward-library__link[data-for="' + card.id + '"]');
        if (link) link.hidden = !visible;
        if (visible) shown += 1;
      });
      // A group heading and its count show only when one of the group's cards does.
      headings.forEach(function (heading) {
        var any = false;
        var count = null;
        for (var el = heading.nextElementSibling; el; el = el.nextElementSibling) {
          if (el.classList.contains("onward-library__group")) break;
          if (el.classList.contains("onward-library__count")) count = el;
          if (el.classList.contains("onward-letter") && !el.hidden) any = true;
        }
        heading.hidden = !any;
        if (count) count.hidden = !any;
      });
      var text = "Showing " + shown + " of " + total + (total === 1 ? " letter" : " letters");
      if (status.textContent !== text) status.textContent = text;
      empty.hidden = shown !== 0;
      if (remember) rememberInAddress(current);
    }

    // Start from the choices in the address, if any are valid options.
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name);
      if (!select || !wanted) return;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === wanted) select.value = wanted;
      }
    });

    // A shared link to one letter must show that letter, whatever the filters say.
    function revealTarget() {
      var id;
      try {
        id = decodeURIComponent(window.location.hash.slice(1));
      } catch (error) {
        return; // a malformed address (#%E0%A4%A) names no letter: nothing to reveal
      }
      var target = id && document.getElementById(id);
      var card = target && target.closest ? target.closest("article.onward-letter") : null;
      if (card && card.hidden) {
        form.reset();
        apply(true);
        card.scrollIntoView();
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      // The reset event fires before the controls change back.
      window.setTimeout(function () { apply(true); }, 0);
    });
    onHashChange = revealTarget;

    form.hidden = false;
    apply(false);
    revealTarget();
  }

  window.addEventListener("hashchange", function () {
    if (onHashChange) onHashChange();
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
