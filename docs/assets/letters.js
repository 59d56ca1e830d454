/* Onward letter personalizer: type your details once, and every letter on every page fills in.
 * Then copy it (Material's "Copy letter" buttons copy the filled text), email it, or download it.
 *
 * Private by design: nothing leaves the browser. Values live in sessionStorage for the visit, and
 * in localStorage only after the reader ticks "Remember on this device". Reader text only ever
 * reaches the page through textContent. Storage is read as untrusted: only string values are
 * kept, key by key. A browser that blocks site data (where even reading `localStorage` throws)
 * gets the same page, in memory, and is told that nothing can be kept. No framework, no build.
 */
(() => {
  "use strict";

  // Loaded by the pages that show a card (overrides/main.html), so Material's instant navigation
  // runs this file again on each of them: bind once. A bound copy cancels this event; a document
  // rewritten by document.open() has lost its listeners, and binds again.
  if (!document.dispatchEvent(new Event("onward:letters", { cancelable: true }))) return;
  document.addEventListener("onward:letters", (event) => event.preventDefault());

  const KEY = "onward-details";
  const TICKS = "onward-checklists"; // checklists.js: ticks kept under the same choice as these
  const placeholders = new WeakMap(); // field element -> its "[Label]" as rendered
  const built = new WeakSet(); // cards whose controls are made
  let values = Object.create(null); // field key -> what the reader typed; memory is the fallback
  let remember = false;

  /* ---- Storage: can be missing or throw (blocked cookies, private modes); the page still works */

  function storage(name) {
    try {
      return window[name];
    } catch {
      return null;
    }
  }

  // What was kept, as field key -> string; any other value (object, number...) is dropped.
  function load(name) {
    try {
      const data = JSON.parse(storage(name).getItem(KEY));
      if (!data || typeof data !== "object" || Array.isArray(data)) return null;
      const kept = Object.create(null);
      for (const [key, text] of Object.entries(data)) {
        if (typeof text === "string") kept[key] = text;
      }
      return kept;
    } catch {
      return null;
    }
  }

  // True when the browser kept (or removed) it; false when it would not let the site.
  function store(name, data, key = KEY) {
    try {
      if (data) storage(name).setItem(key, JSON.stringify(data));
      else storage(name).removeItem(key);
      return true;
    } catch {
      return false; // in memory only
    }
  }

  function save() {
    store("sessionStorage", values);
    if (remember) store("localStorage", values);
  }

  // The checklists' ticks live on the device exactly while "Remember" is on. checklists.js is
  // only on pages with a checklist, so the choice moves its stored ticks from here too.
  function keepTicks(onDevice) {
    try {
      const ticks = storage("sessionStorage").getItem(TICKS);
      if (onDevice && ticks) storage("localStorage").setItem(TICKS, ticks);
      else storage("localStorage").removeItem(TICKS);
    } catch {
      // blocked storage: nothing was kept
    }
  }

  /* ---- Reading a card */

  const value = (key) => String(values[key] || "").trim();
  const cards = () => document.querySelectorAll(".onward-letter");
  const inputs = (root) => root.querySelectorAll(".onward-form input[name]:not([type=checkbox])");

  // Plain text of a letter part: <br> is a line break, each <p> a paragraph.
  function plain(part) {
    if (!part) return "";
    const paragraphs = part.querySelectorAll("p");
    if (!paragraphs.length) return part.textContent.trim();
    return Array.from(paragraphs, (p) =>
      Array.from(p.childNodes, (node) => (node.nodeName === "BR" ? "\n" : node.textContent))
        .join("")
        .trim()
    ).join("\n\n");
  }

  const subjectOf = (card) => plain(card.querySelector('[data-part="subject"]'));
  const bodyOf = (card) => plain(card.querySelector('[data-part="body"]'));

  function blanks(card) {
    return Array.from(inputs(card)).filter((input) => !value(input.name));
  }

  function blanksText(list) {
    if (!list.length) return "All blanks filled.";
    const names = list.map((input) => (input.labels[0] || input).textContent).join(", ");
    return `${list.length} blank${list.length > 1 ? "s" : ""} left: ${names}.`;
  }

  /* ---- Writing a card */

  // The letter's text, on every card, set up or not: it is what prints and what is copied.
  function fill(card) {
    card.querySelectorAll("[data-field]").forEach((span) => {
      if (!placeholders.has(span)) placeholders.set(span, span.textContent);
      const filled = value(span.dataset.field);
      const text = filled || placeholders.get(span);
      // Written only when it changes: an unchanged page has nothing to lay out again.
      if (span.textContent !== text) span.textContent = text;
      span.classList.toggle("onward-field--filled", Boolean(filled));
    });
  }

  function render(card, source) {
    fill(card);
    if (!built.has(card)) return; // its controls are made, and rendered, when it is set up
    inputs(card).forEach((input) => {
      // Leave the field being typed in alone, so the caret does not jump.
      if (input !== source && input.value !== (values[input.name] || "")) {
        input.value = values[input.name] || "";
      }
      if (value(input.name)) input.removeAttribute("aria-invalid");
    });
    card.querySelectorAll(".onward-remember").forEach((box) => (box.checked = remember));

    const progress = card.querySelector(".onward-letter__progress");
    if (progress) {
      const max = Number(progress.dataset.maxWords);
      const words = (bodyOf(card).match(/\S+/g) || []).length;
      const count = progress.querySelector(".onward-letter__count");
      progress.querySelector(".onward-letter__blanks").textContent = blanksText(blanks(card));
      count.textContent = `${words} words (aim for ${max} or fewer)`;
      count.classList.toggle("onward-letter__count--over", words > max);
    }

    const email = card.querySelector(".onward-email");
    if (email) {
      // RFC 6068: line breaks in a mailto: body are CRLF, percent-encoded.
      const body = bodyOf(card).replace(/\n/g, "\r\n");
      email.href = `mailto:?subject=${encodeURIComponent(subjectOf(card))}` +
        `&body=${encodeURIComponent(body)}`;
    }
  }

  const renderAll = (source) => cards().forEach((card) => render(card, source));

  // Said once to screen readers (role=status) and shown next to the buttons.
  function announce(card, message) {
    const status = card.querySelector(".onward-letter__status");
    if (!status) return;
    status.textContent = "";
    // Emptied first, filled a moment later: the same message twice is announced twice.
    setTimeout(() => (status.textContent = message), 50);
  }

  // Before a letter leaves the page, point out what is still empty (without stopping it).
  function flagBlanks(card, done) {
    const list = blanks(card);
    inputs(card).forEach((input) => {
      if (list.includes(input)) input.setAttribute("aria-invalid", "true");
    });
    announce(card, list.length ? `${done} ${blanksText(list)}` : done);
  }

  function download(card, button) {
    const subject = subjectOf(card);
    const text = (subject ? `Subject: ${subject}\n\n` : "") + bodyOf(card) + "\n";
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = button.dataset.filename || "letter.txt";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000); // after the browser has read it
    flagBlanks(card, `Downloaded ${link.download}.`);
  }

  function forget(card) {
    values = Object.create(null);
    remember = false;
    store("sessionStorage", null);
    store("localStorage", null);
    // One place to forget everything, the checklists' ticks too: cleared here, as checklists.js
    // may not be on this page, and on this event by checklists.js for the lists it shows.
    store("sessionStorage", null, TICKS);
    store("localStorage", null, TICKS);
    document.dispatchEvent(new CustomEvent("onward:forget"));
    document.querySelectorAll(".onward-form [aria-invalid]").forEach((input) =>
      input.removeAttribute("aria-invalid")
    );
    renderAll();
    announce(card, "Your details are cleared from this browser.");
  }

  /* ---- Events: delegated once on the document, so they outlive instant page changes */

  document.addEventListener("input", (event) => {
    const input = event.target;
    if (!input.matches || !input.matches(".onward-form input[name]:not([type=checkbox])")) return;
    values[input.name] = input.value;
    save();
    renderAll(input);
  });

  document.addEventListener("change", (event) => {
    const box = event.target;
    if (!box.matches || !box.matches(".onward-remember")) return;
    const kept = store("localStorage", box.checked ? values : null);
    remember = box.checked && kept;
    keepTicks(remember);
    document.dispatchEvent(new CustomEvent("onward:remember", { detail: remember }));
    renderAll();
    announce(box.closest(".onward-letter"), !kept
      ? "Your browser does not let this site keep anything, so your details are gone " +
        "when you leave or reload the page."
      : remember
        ? "Your details will be kept on this device until you choose Forget my details."
        : "Your details will be kept only until you close this tab.");
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest &&
      event.target.closest(".onward-copy, .onward-email, .onward-download, .onward-forget");
    const card = button && button.closest(".onward-letter");
    if (!card) return;
    if (button.classList.contains("onward-forget")) forget(card);
    else if (button.classList.contains("onward-download")) download(card, button);
    else if (button.classList.contains("onward-email")) {
      render(card); // the href is current; this click opens the reader's email app
      flagBlanks(card, "Opening your email app.");
    } else {
      // Material's clipboard integration copies the target's text, which shows the filled values.
      const part = button.dataset.clipboardTarget || "";
      flagBlanks(card, part.endsWith("-subject") ? "Subject copied." : "Letter copied.");
    }
  });

  /* ---- Each page: Material swaps the content on instant navigation, so set up every time */

  // Beside "Remember on this device", a link to the page that says what is kept, and where. Its
  // address comes from the site's navigation: it differs online and in the offline copy.
  function linkPrivacy(card) {
    const label = card.querySelector(".onward-remember + label");
    const page = document.querySelector(
      '.md-nav__link[href$="privacy/"], .md-nav__link[href$="privacy.html"]');
    if (!label || !page || label.parentElement.querySelector(".onward-privacy")) return;
    const link = document.createElement("a");
    link.className = "onward-privacy";
    link.href = page.href;
    link.textContent = "Privacy";
    label.after(" (", link, ")");
  }

  /* ---- Building a card's controls: the HTML carries only the letter and, on .onward-form,
   * data-fields ([key, label, example] per blank, in order of use); the form, the progress line,
   * "Email it" and "Download .txt" are made here, so a reader without scripts gets none of them. */

  // Browser autofill for the reader's own details; other fields are about someone else.
  const AUTOCOMPLETE = { your_name: ["text", "name"], your_email: ["email", "email"],
    your_phone: ["tel", "tel"] };

  function element(tag, attributes = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, text] of Object.entries(attributes)) el.setAttribute(name, text);
    el.append(...children);
    return el;
  }

  function fieldsOf(slot) {
    try {
      const fields = JSON.parse(slot.dataset.fields || "[]");
      return Array.isArray(fields) ? fields.filter((f) => Array.isArray(f) && f.length === 3) : [];
    } catch {
      return [];
    }
  }

  function build(card) {
    const slot = card.querySelector("div.onward-form[data-fields]");
    if (!slot) return; // built already, or not a card
    const id = card.id;
    const title = `${id}-title`;
    const inputs = fieldsOf(slot).map(([key, label, example]) => {
      const [type, autocomplete] = AUTOCOMPLETE[key] || ["text", "off"];
      const input = `${id}-field-${key}`;
      return element("div", { class: "onward-form__field" },
        element("label", { for: input }, String(label)),
        element("input", { type, id: input, name: String(key),
          placeholder: `e.g. ${example}`, autocomplete }));
    });
    // A fieldset, not a <form>: nothing is ever submitted, so Enter can never send what was typed.
    slot.replaceWith(element("fieldset", { class: "onward-form", id: slot.id },
      element("legend", {}, "Fill in the blanks"),
      element("div", { class: "onward-form__fields" }, ...inputs),
      element("div", { class: "onward-form__keep" },
        element("span", {},
          element("input", { type: "checkbox", class: "onward-remember", id: `${id}-remember` }),
          element("label", { for: `${id}-remember` }, "Remember on this device")),
        element("button", { type: "button", class: "md-button onward-forget" },
          "Forget my details"))));
    card.querySelector(".onward-letter__text").after(
      element("p", { class: "onward-letter__progress", id: `${id}-progress`,
        "data-max-words": card.dataset.maxWords || "150" },
      element("span", { class: "onward-letter__blanks" }), " ",
      element("span", { class: "onward-letter__count" })));
    const actions = card.querySelector(".onward-letter__actions");
    // The real mailto: href (subject and body, filled in) is written by render().
    if (card.dataset.channel === "email") {
      actions.append(element("a", { class: "md-button onward-email", href: "mailto:",
        "aria-describedby": title }, "Email it"));
    }
    actions.append(element("button", { type: "button", class: "md-button onward-download",
      "aria-describedby": title, "data-filename": `${card.dataset.letter.replaceAll("/", "-")}.txt` },
    "Download .txt"));
  }

  /* ---- Setting cards up as they near the screen: a guide has a dozen cards or more, and making
   * every form at load blocks a phone for a few hundred milliseconds. A card is set up before
   * the reader reaches it: within a screen and a half of the view, when a control in it takes
   * the focus, or at once when the address names it. */

  const ANCHORING = window.CSS && CSS.supports("overflow-anchor", "auto");
  const CHUNK = 12; // ms of setting up per task, well under a long task (50 ms) on a slow phone
  const queue = new Set(); // cards near the screen, waiting to be set up
  let observer = null;
  let pending = 0;

  function setUp(card) {
    queue.delete(card);
    if (observer) observer.unobserve(card);
    if (built.has(card) || !card.isConnected) return;
    // Above the view, the card grows under the reader: browsers with scroll anchoring keep the
    // view still; without it (Safari), scroll by the difference.
    const before = ANCHORING ? null : card.getBoundingClientRect();
    build(card);
    built.add(card);
    linkPrivacy(card);
    render(card);
    if (before && before.bottom <= 0) {
      window.scrollBy(0, card.getBoundingClientRect().height - before.height);
    }
  }

  // A few cards per task, so the page answers the reader in between.
  function work() {
    pending = 0;
    const start = performance.now();
    for (const card of queue) {
      setUp(card);
      if (performance.now() - start > CHUNK) break;
    }
    if (queue.size) pending = setTimeout(work, 0);
  }

  function near(changes) {
    for (const change of changes) {
      if (change.isIntersecting) queue.add(change.target);
      else queue.delete(change.target);
    }
    if (queue.size && !pending) pending = setTimeout(work, 0);
  }

  // The card an address names (#letter-...), or holds (a heading, a field): set up at once.
  function named() {
    try {
      const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      return target && target.closest(".onward-letter");
    } catch {
      return null; // a malformed address names nothing
    }
  }

  function init() {
    const local = load("localStorage");
    remember = Boolean(local);
    values = local || load("sessionStorage") || values;
    if (observer) observer.disconnect();
    queue.clear();
    const all = Array.from(cards());
    all.forEach(fill);
    const target = named();
    if (target) setUp(target);
    // Fetched on the reader's first focus (overrides/partials/onward-letters.html): a card the
    // focus has reached meanwhile is set up now.
    const focused = document.activeElement && document.activeElement.closest(".onward-letter");
    if (focused) setUp(focused);
    if (!("IntersectionObserver" in window)) {
      all.forEach(setUp);
      return;
    }
    observer = new IntersectionObserver(near, { rootMargin: "150% 0px" });
    all.forEach((card) => built.has(card) || observer.observe(card));
  }

  // Tab into a card not yet set up: set it up, and start at its first field, as on any card.
  document.addEventListener("focusin", (event) => {
    const card = event.target.closest && event.target.closest(".onward-letter");
    if (!card || built.has(card) || !card.querySelector("div.onward-form[data-fields]")) return;
    const keyboard = event.target.matches(":focus-visible"); // not a click on one of its buttons
    const from = event.relatedTarget;
    setUp(card);
    const first = card.querySelector(".onward-form input");
    const follows = (a, b) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    // Came forward from before the card, and landed past its new fields: go back to the first.
    if (first && keyboard && from && !card.contains(from) && follows(from, card) &&
      follows(first, event.target)) first.focus();
  });

  window.addEventListener("hashchange", () => {
    const target = named();
    if (target) setUp(target);
  });

  // The letter library (library.js) swaps an entry for its full card, near the screen already.
  document.addEventListener("onward:card", (event) => {
    fill(event.detail);
    setUp(event.detail);
  });

  // Material's document$ hands over each page: the first, and each one instant navigation swaps
  // in. This file may run before Material's bundle (fetched at once for a link to a card), so
  // look for document$ once the page is parsed.
  const start = () => (window.document$ ? window.document$.subscribe(() => init()) : init());
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
