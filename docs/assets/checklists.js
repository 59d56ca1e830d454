/* Onward checklists ({{ checklist("...") }}, kind: checklist): ticks kept, progress, reset.
 *
 * Same privacy rules as the letter personalizer (letters.js, docs/privacy.md): ticks live in
 * sessionStorage for the visit, and also in localStorage only while the reader has chosen
 * "Remember on this device" for their letter details (letters.js keeps those under
 * "onward-details" in localStorage exactly then). letters.js tells this script when that choice
 * changes ("onward:remember") and when the reader chooses "Forget my details" ("onward:forget"),
 * which clears the ticks too. On a page with cards and no checklist, letters.js moves or clears
 * the stored ticks itself. Storage is read as untrusted (only `true` ticks are kept) and may
 * be blocked (access throws): the checklist then works in memory.
 */
(() => {
  "use strict";

  // Loaded by the pages that show a checklist (overrides/main.html), so Material's instant
  // navigation runs this file again on each of them: bind once (see letters.js).
  if (!document.dispatchEvent(new Event("onward:checklists", { cancelable: true }))) return;
  document.addEventListener("onward:checklists", (event) => event.preventDefault());

  const KEY = "onward-checklists"; // { "<list id>": { "<checkbox id>": true } }
  const DETAILS = "onward-details"; // letters.js: in localStorage only when "Remember" is ticked
  let ticks = Object.create(null);

  function storage(name) {
    try {
      return window[name];
    } catch {
      return null;
    }
  }

  function read(name, key) {
    try {
      return storage(name).getItem(key);
    } catch {
      return null;
    }
  }

  // What was kept, as list id -> { checkbox id: true }; anything else is dropped.
  function load(name) {
    try {
      const data = JSON.parse(read(name, KEY));
      if (!data || typeof data !== "object" || Array.isArray(data)) return null;
      const kept = Object.create(null);
      for (const [list, items] of Object.entries(data)) {
        if (!items || typeof items !== "object" || Array.isArray(items)) continue;
        const ok = Object.create(null);
        for (const [id, ticked] of Object.entries(items)) if (ticked === true) ok[id] = true;
        kept[list] = ok;
      }
      return kept;
    } catch {
      return null;
    }
  }

  function store(name, data) {
    try {
      if (data) storage(name).setItem(KEY, JSON.stringify(data));
      else storage(name).removeItem(KEY);
      return true;
    } catch {
      return false;
    }
  }

  function canKeep() {
    try {
      storage("sessionStorage").setItem("onward-probe", "1");
      storage("sessionStorage").removeItem("onward-probe");
      return true;
    } catch {
      return false;
    }
  }

  const remembered = () => read("localStorage", DETAILS) !== null;

  function save() {
    const any = Object.values(ticks).some((items) => Object.keys(items).length);
    const data = any ? ticks : null;
    const kept = store("sessionStorage", data);
    store("localStorage", remembered() ? data : null);
    return kept;
  }

  const lists = () => document.querySelectorAll(".onward-list--checklist[data-list]");
  const boxes = (list) => list.querySelectorAll(".onward-list__items input[type=checkbox]");

  function progress(list) {
    const all = boxes(list);
    const done = Array.from(all).filter((box) => box.checked).length;
    const line = list.querySelector(".onward-checklist-tools__progress");
    if (line) line.textContent = `${done} of ${all.length} done`;
    const reset = list.querySelector(".onward-checklist-tools__reset");
    if (reset) reset.disabled = done === 0;
  }

  function show(list) {
    const mine = ticks[list.dataset.list] || {};
    boxes(list).forEach((box) => (box.checked = mine[box.id] === true));
    progress(list);
  }

  function note(list, message) {
    const text = list.querySelector(".onward-checklist-tools__kept");
    if (text) text.textContent = message;
  }

  function keptText(ok) {
    if (!ok) return "Your browser does not let this site keep anything, so ticks clear when you leave.";
    return remembered()
      ? "Your ticks are kept on this device, as you chose. \"Forget my details\" clears them."
      : "Your ticks are kept until you close this tab.";
  }

  function setUp(list) {
    if (!list.querySelector(".onward-checklist-tools")) {
      const tools = document.createElement("div");
      tools.className = "onward-checklist-tools";
      tools.setAttribute("data-search-exclude", "");
      const line = document.createElement("p");
      line.className = "onward-checklist-tools__progress";
      line.setAttribute("role", "status");
      line.setAttribute("aria-live", "polite");
      const reset = document.createElement("button");
      reset.type = "button";
      reset.className = "md-button onward-checklist-tools__reset";
      reset.textContent = "Clear all ticks";
      const kept = document.createElement("p");
      kept.className = "onward-checklist-tools__kept";
      tools.append(line, reset);
      list.prepend(tools);
      tools.after(kept);
    }
    note(list, keptText(canKeep()));
    show(list);
  }

  function init() {
    // Ticks kept on the device are only read while "Remember" is chosen; a leftover copy goes.
    if (remembered()) ticks = load("localStorage") || load("sessionStorage") || Object.create(null);
    else {
      if (read("localStorage", KEY) !== null) store("localStorage", null);
      ticks = load("sessionStorage") || ticks;
    }
    lists().forEach(setUp);
  }

  document.addEventListener("change", (event) => {
    const box = event.target;
    const list = box.closest && box.closest(".onward-list--checklist[data-list]");
    if (!list || !box.matches("input[type=checkbox]")) return;
    const mine = (ticks[list.dataset.list] ||= Object.create(null));
    if (box.checked) mine[box.id] = true;
    else delete mine[box.id];
    note(list, keptText(save()));
    progress(list);
  });

  document.addEventListener("click", (event) => {
    const reset = event.target.closest && event.target.closest(".onward-checklist-tools__reset");
    if (!reset) return;
    const list = reset.closest(".onward-list--checklist[data-list]");
    delete ticks[list.dataset.list];
    save();
    show(list);
    list.querySelector(".onward-list__items input[type=checkbox]")?.focus();
  });

  // From letters.js: the reader chose "Forget my details", or changed "Remember".
  document.addEventListener("onward:forget", () => {
    ticks = Object.create(null);
    store("sessionStorage", null);
    store("localStorage", null);
    lists().forEach((list) => {
      show(list);
      note(list, keptText(true));
    });
  });
  document.addEventListener("onward:remember", () => {
    save();
    lists().forEach((list) => note(list, keptText(true)));
  });

  if (window.document$) window.document$.subscribe(() => init());
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
