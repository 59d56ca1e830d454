/* Onward follow-up planner (progressive enhancement of {{ planner() }}, macros/planner.py).
 *
 * Without this script every step reads "7 days after you applied". With it, the reader picks
 * what happened and on which day (today by default) and each step shows its date and offers an
 * RFC 5545 calendar file, made here and downloaded as a Blob: nothing is sent anywhere and
 * nothing is kept (no storage).
 *
 * Dates are plain Y-M-D values. Arithmetic runs on Date.UTC and reads back with getUTC*, so it
 * counts calendar days whatever the reader's time zone or daylight-saving change.
 */
(function () {
  "use strict";

  // --- Calendar-day arithmetic on "YYYY-MM-DD" --------------------------------------------
  function pad(n, width) {
    return String(n).padStart(width || 2, "0");
  }

  function parseDay(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!m) return null;
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    const d = new Date(ms);
    // Reject 2026-02-30 and the like: the parts must survive the round trip.
    if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
      return null;
    }
    return ms;
  }

  function dayString(ms) {
    const d = new Date(ms);
    return pad(d.getUTCFullYear(), 4) + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  function addDays(value, days) {
    const ms = parseDay(value);
    if (ms === null) return null;
    const d = new Date(ms);
    return dayString(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days));
  }

  function today() {
    const now = new Date(); // the reader's own calendar day, in their time zone
    return pad(now.getFullYear(), 4) + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function shown(value) {
    return new Date(parseDay(value)).toLocaleDateString("en-US", {
      timeZone: "UTC", weekday: "short", month: "short", day: "numeric", year: "numeric",
    });
  }

  // --- iCalendar (RFC 5545) -------------------------------------------------------------
  function escapeText(value) {
    return String(value)
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n");
  }

  // Lines of at most 75 octets (UTF-8), continued with CRLF and one space; never split a
  // character in two.
  function fold(line) {
    const encoder = new TextEncoder();
    const parts = [];
    let current = "";
    let size = 0;
    for (const char of line) {
      const bytes = encoder.encode(char).length;
      const limit = parts.length ? 74 : 75; // a continuation line starts with a space
      if (size + bytes > limit) {
        parts.push(current);
        current = "";
        size = 0;
      }
      current += char;
      size += bytes;
    }
    parts.push(current);
    return parts.join("\r\n ");
  }

  function stamp(now) {
    return pad(now.getUTCFullYear(), 4) + pad(now.getUTCMonth() + 1) + pad(now.getUTCDate()) +
      "T" + pad(now.getUTCHours()) + pad(now.getUTCMinutes()) + pad(now.getUTCSeconds()) + "Z";
  }

  function uid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  function calendar(step) {
    const compact = (value) => value.replace(/-/g, "");
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Onward//Follow-up planner//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:" + uid() + "@onward",
      "DTSTAMP:" + stamp(new Date()),
      "DTSTART;VALUE=DATE:" + compact(step.date),
      "DTEND;VALUE=DATE:" + compact(addDays(step.date, 1)),
      "SUMMARY:" + escapeText(step.summary),
      "DESCRIPTION:" + escapeText(step.description),
      "URL:" + step.url,
      "TRANSP:TRANSPARENT",
    ];
    if (step.every) lines.push("RRULE:FREQ=DAILY;INTERVAL=" + step.every + ";COUNT=4");
    lines.push(
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:" + escapeText(step.summary),
      "TRIGGER;RELATED=START:PT9H", // 9 in the morning of the day
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
    );
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function slug(value) {
    return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
  }

  // --- The page ------------------------------------------------------------------------
  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    const form = root.querySelector(".onward-planner__form");
    const name = root.querySelector("#planner-name");
    const site = root.dataset.site;
    const start = today();
    root.querySelectorAll("[data-date]").forEach((input) => {
      if (!parseDay(input.value)) input.value = start;
    });
    form.hidden = false;
    root.classList.add("onward-planner--live");

    function eventDay(event) {
      const input = root.querySelector('[data-date="' + event + '"]');
      return parseDay(input.value) === null ? start : input.value;
    }

    function update() {
      root.querySelectorAll(".onward-planner__event").forEach((section) => {
        const event = section.dataset.event;
        const box = root.querySelector('[data-show="' + event + '"]');
        section.hidden = !!box && !box.checked;
        const day = eventDay(event);
        const on = section.querySelector("[data-on]");
        if (on) on.textContent = ": " + shown(day);
        section.querySelectorAll(".onward-planner__step").forEach((step) => {
          const date = addDays(day, Number(step.dataset.days));
          const time = step.querySelector("time");
          const every = step.dataset.every ? ", then every " + step.dataset.every + " days" : "";
          time.setAttribute("datetime", date);
          time.textContent = shown(date) + every;
          step.dataset.date = date;
        });
      });
    }

    // A link of this site (absolute, as Material leaves it) on the published site: the part
    // after this site's root here, put after site_url.
    function published(href) {
      const here = new URL(".", location.href).href;
      const page = root.dataset.page || "";
      const base = here.endsWith(page) ? here.slice(0, here.length - page.length) : "";
      return site && base && href.startsWith(base) ? new URL(href.slice(base.length), site).href
        : href;
    }

    // A step's title, link and timing, read from its markup (macros/planner.py keeps it lean).
    function title(step) {
      return (step.querySelector("a, .onward-planner__what") || step).textContent.trim();
    }

    function download(step) {
      const job = name.value.trim();
      // The letter on the published site (site_url), so the link works from any calendar.
      const letter = step.querySelector("a");
      const url = letter ? published(letter.href) : location.href;
      const how = step.querySelector(".onward-planner__how");
      const text = calendar({
        date: step.dataset.date,
        every: step.dataset.every,
        summary: job ? title(step) + " (" + job + ")" : title(step),
        description: (job ? "For: " + job + "\n" : "") + (how ? how.textContent.trim() : "") +
          "\nLetter: " + url,
        url: url,
      });
      const blob = new Blob([text], { type: "text/calendar;charset=utf-8" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "onward-" + (job ? slug(job) + "-" : "") +
        slug(step.dataset.letter) + "-" + step.dataset.date + ".ics";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }

    // One "Add to calendar" button per step, copied from the page's template.
    const template = root.querySelector("template.onward-planner__button");
    if (template) {
      root.querySelectorAll(".onward-planner__step").forEach((step) => {
        const button = template.content.firstElementChild.cloneNode(true);
        button.setAttribute("aria-label", "Add to calendar: " + title(step));
        button.hidden = false;
        step.appendChild(button);
      });
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => event.preventDefault());
    root.addEventListener("click", (event) => {
      const button = event.target.closest(".onward-planner__ics");
      if (button) download(button.closest(".onward-planner__step"));
    });
    update();
  }

  function init() {
    document.querySelectorAll(".onward-planner").forEach(setUp);
  }

  // Loaded by the planner page alone (a <script> in its content), which Material's instant
  // navigation runs again each time the page is shown: subscribe once, set up each time.
  if (window.onwardPlanner) {
    window.onwardPlanner();
    return;
  }
  window.onwardPlanner = init;
  if (window.document$) window.document$.subscribe(() => init());
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
