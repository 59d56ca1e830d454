/* Onward letter library (docs/letters/): filter the letters by channel, tone and topic without a
 * reload, and show each letter's full card, fetched from its guide, as the reader scrolls to it.
 *
 * The page itself is small: one entry per letter (title, situation, how and tone, a link to the
 * card in its guide), whatever the number of letters. Each entry is swapped for the card from
 * its guide page (fetched once per guide, same origin); letters.js, fetched with the first card,
 * sets the card up when told ("onward:card"). If that fails, or without scripts, the entry and
 * its link stay.
 *
 * Nothing moves under the reader: the page loads nothing more until the reader scrolls, and an
 * entry becomes its (taller) card only while its lower edge is off the screen, so what follows
 * it is off the screen too. Above the screen, the browser's scroll anchoring keeps the view
 * still; without it (Safari), this script scrolls by the difference. The one exception: the
 * letter an address names (#letter-...) becomes its card where the reader is, at once.
 *
 * Progressive enhancement: without scripts, a style hides the filter form (scripting: none), so
 * no dead controls appear. The choices are kept in the address (?channel=email&tone=warm), so a
 * filtered view can be shared; an address naming a letter (#letter-rejection-brief-thanks)
 * shows that letter as its card, whatever the filters say.
 *
 * Loaded by the library page only (a <script> in its content): Material's instant navigation
 * runs it again each time the page is shown, so it sets itself up once and reruns setUp.
 */
(() => {
  "use strict";

  if (window.onwardLibrary) {
    window.onwardLibrary();
    return;
  }

  const FILTERS = ["channel", "tone", "tag"];
  const CARDS = "article.onward-letter";
  // Beside this file; served minified under this name (mkdocs.yml, the minify plugin).
  const LETTERS = new URL("letters.min.js", document.currentScript.src).href;
  const ANCHORING = window.CSS && CSS.supports("overflow-anchor", "auto");
  const guides = new Map(); // guide page URL -> Promise of its parsed document
  let personalizer = null; // Promise: letters.js is loaded
  let observer = null;
  let onHashChange = null; // set while the library page is shown
  let onScroll = null; // likewise

  function matches(card, choice) {
    if (choice.channel && card.dataset.channel !== choice.channel) return false;
    if (choice.tone && card.dataset.tone !== choice.tone) return false;
    return !choice.tag || (card.dataset.tags || "").split(/\s+/).includes(choice.tag);
  }

  /* ---- Full cards, from the guides */

  function guidePage(url) {
    if (!guides.has(url)) {
      guides.set(url, fetch(url)
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => new DOMParser().parseFromString(html, "text/html"))
        .catch((error) => {
          guides.delete(url); // try again next time
          throw error;
        }));
    }
    return guides.get(url);
  }

  // letters.js, once: a copy already running (the reader came from a guide) cancels this event.
  function loadPersonalizer() {
    if (!document.dispatchEvent(new Event("onward:letters", { cancelable: true }))) {
      return Promise.resolve();
    }
    personalizer ||= new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = LETTERS;
      script.onload = resolve;
      script.onerror = () => {
        personalizer = null; // try again next time
        reject(new Error("letters.js"));
      };
      document.head.append(script);
    });
    return personalizer;
  }

  // The entry's card from its guide, in place of the entry; null if it cannot be had. The card
  // is set up (letters.js) before it is painted: its form never appears under the reader's eyes.
  async function load(entry) {
    const guide = entry.querySelector(".onward-letter__guide");
    const link = guide && guide.querySelector("a");
    if (!link || entry.dataset.loading) return null;
    entry.dataset.loading = "true";
    try {
      const [page] = await Promise.all([guidePage(link.href.split("#")[0]), loadPersonalizer()]);
      const found = page.getElementById(entry.id);
      if (!found || !found.matches(CARDS) || !entry.isConnected) return null;
      const card = document.importNode(found, true);
      card.hidden = entry.hidden;
      const source = card.querySelector(".onward-letter__source");
      if (source) source.before(guide);
      else card.append(guide);
      // Above the screen, what follows the entry moves down by the card's extra height: the
      // browser's scroll anchoring keeps the view still; without it (Safari), scroll with it.
      const { bottom, height } = entry.getBoundingClientRect();
      entry.replaceWith(card);
      document.dispatchEvent(new CustomEvent("onward:card", { detail: card }));
      if (bottom <= 0 && !ANCHORING) window.scrollBy(0, card.getBoundingClientRect().height - height);
      return card;
    } catch {
      return null; // offline, or the guide moved: the entry and its link stay
    } finally {
      delete entry.dataset.loading;
    }
  }

  /* ---- Cards near the screen */

  // Entries within a screen or so of the view become cards once the reader scrolls: each one as
  // soon as its lower edge is off the screen (see the top of this file).
  function watch(root) {
    const near = new Set();
    let frame = 0;
    const check = () => {
      frame = 0;
      for (const entry of near) {
        const { bottom } = entry.getBoundingClientRect();
        if (bottom > 0 && bottom < window.innerHeight) continue; // on the screen: wait
        near.delete(entry);
        observer.unobserve(entry);
        load(entry);
      }
    };
    const soon = () => (frame ||= requestAnimationFrame(check));
    observer = new IntersectionObserver((changes) => {
      for (const change of changes) {
        if (change.isIntersecting) near.add(change.target);
        else near.delete(change.target);
      }
      soon();
    }, { rootMargin: "800px 0px" });
    root.querySelectorAll(".onward-letter--entry").forEach((entry) => observer.observe(entry));
    onScroll = soon;
  }

  /* ---- Filters */

  function setUp() {
    const form = document.getElementById("letter-filters");
    if (form && form.dataset.ready === "true") return;
    if (observer) observer.disconnect();
    observer = null;
    onScroll = null;
    if (!form) {
      onHashChange = null;
      return;
    }
    form.dataset.ready = "true";

    const root = form.parentElement;
    const headings = Array.from(root.querySelectorAll(".onward-library__group"));
    const status = form.querySelector(".onward-filters__status");
    const empty = form.querySelector(".onward-filters__empty");
    const cards = () => Array.from(root.querySelectorAll(CARDS));
    const total = cards().length;

    const choice = () => Object.fromEntries(
      FILTERS.map((name) => [name, form.elements[name] ? form.elements[name].value : ""]));

    function rememberInAddress(current) {
      const url = new URL(window.location.href);
      for (const name of FILTERS) {
        if (current[name]) url.searchParams.set(name, current[name]);
        else url.searchParams.delete(name);
      }
      window.history.replaceState(window.history.state, "", url.toString());
    }

    function apply(remember) {
      const current = choice();
      let shown = 0;
      for (const card of cards()) {
        card.hidden = !matches(card, current);
        if (!card.hidden) shown += 1;
      }
      // A group heading and its count show only when one of the group's cards does.
      for (const heading of headings) {
        let any = false;
        let count = null;
        for (let el = heading.nextElementSibling; el; el = el.nextElementSibling) {
          if (el.classList.contains("onward-library__group")) break;
          if (el.classList.contains("onward-library__count")) count = el;
          if (el.matches(CARDS) && !el.hidden) any = true;
        }
        heading.hidden = !any;
        if (count) count.hidden = !any;
      }
      const text = `Showing ${shown} of ${total} letter${total === 1 ? "" : "s"}`;
      if (status.textContent !== text) status.textContent = text;
      empty.hidden = shown !== 0;
      if (remember) rememberInAddress(current);
    }

    // Start from the choices in the address, if any are valid options.
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTERS) {
      const select = form.elements[name];
      const wanted = params.get(name);
      if (select && wanted && Array.from(select.options).some((o) => o.value === wanted)) {
        select.value = wanted;
      }
    }

    // A shared link to one letter shows that letter, whatever the filters say, as its card.
    async function revealTarget() {
      let id;
      try {
        id = decodeURIComponent(window.location.hash.slice(1));
      } catch {
        return; // a malformed address (#%E0%A4%A) names no letter: nothing to reveal
      }
      const target = id && document.getElementById(id);
      let card = target && target.closest(CARDS);
      if (!card) return;
      if (card.hidden) {
        form.reset();
        apply(true);
      }
      if (card.classList.contains("onward-letter--entry")) {
        card.scrollIntoView();
        card = (await load(card)) || card;
      }
      if (window.location.hash.slice(1) === card.id) card.scrollIntoView();
    }

    form.addEventListener("change", () => apply(true));
    form.addEventListener("submit", (event) => event.preventDefault());
    // The reset event fires before the controls change back.
    form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
    onHashChange = revealTarget;

    apply(false);
    // Cards load once the reader scrolls, as their entries near the screen (the filters hide
    // the others): a reader who only looks at the top of the page loads nothing more. The card
    // a link names comes first.
    revealTarget().then(() => {
      const shown = onHashChange === revealTarget; // the reader has not left the page since
      if (shown && "IntersectionObserver" in window) onScroll = () => watch(root);
    });
  }

  window.onwardLibrary = setUp;
  window.addEventListener("hashchange", () => onHashChange && onHashChange());
  window.addEventListener("scroll", () => onScroll && onScroll(), { passive: true });
  if (window.document$) window.document$.subscribe(setUp);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
