// The operator console: reads the admin API of this module (same origin, so the browser reuses the
// BASIC credentials it was given for the page) and renders what it answers. Every value from the
// API reaches the page through textContent or a DOM property, never as markup.
"use strict";

(function () {
  const STATUSES = ["PENDING", "SENT", "DEAD", "SKIPPED"];
  const PAGE = 100;
  const REFRESH_MS = 5000;
  // The API beside this page. Built from origin and path: a page opened at
  // http://user:password@host/... would otherwise resolve relative URLs with the credentials in
  // them, which fetch refuses.
  const API = location.origin + location.pathname.replace(/[^/]*$/, "") + "api/";

  let refreshing = null;

  /** Calls the API; resolves to the parsed JSON body, rejects with an Error carrying its message. */
  async function call(method, path, body) {
    const init = { method, headers: { Accept: "application/json" }, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch (e) {
      throw new Error("The server did not answer (" + e.message + ").");
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const message = json && typeof json.message === "string" ? json.message : "";
      throw new Error(message || "HTTP " + response.status + " " + response.statusText);
    }
    return json;
  }

  /** "3 m 12 s" for 192; "none" without a pending event. */
  function age(seconds) {
    if (seconds === null || seconds === undefined) {
      return "none";
    }
    let rest = Math.max(0, Math.floor(seconds));
    const parts = [];
    for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]]) {
      if (rest >= size || (unit === "s" && parts.length === 0)) {
        parts.push(Math.floor(rest / size) + " " + unit);
        rest %= size;
      }
    }
    return parts.slice(0, 2).join(" ");
  }

  function created(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
      return String(iso);
    }
    const pad = (n) => String(n).padStart(2, "0");
    return (
      date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + " " +
      pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds())
    );
  }

  function shortId(id) {
    return String(id).slice(0, 8);
  }

  function say(kind, text) {
    const status = document.getElementById("status");
    status.dataset.kind = kind;
    status.textContent = text;
  }

  function showSummary(summary) {
    const counts = summary.counts || {};
    for (const status of STATUSES) {
      const count = counts[status] ?? 0;
      const element = document.getElementById("count-" + status);
      element.textContent = String(count);
      element.closest(".tile").dataset.nonzero = String(count > 0);
    }
    document.getElementById("oldest-pending").textContent = age(summary.oldestPendingAgeSeconds);
  }

  function cell(row, className) {
    const td = document.createElement("td");
    td.className = className;
    row.appendChild(td);
    return td;
  }

  function newRow(id) {
    const row = document.createElement("tr");
    row.dataset.eventId = id;
    const idCell = cell(row, "id");
    const code = document.createElement("code");
    code.title = id;
    code.textContent = id;
    idCell.appendChild(code);
    for (const name of ["type", "key", "destination", "attempts number"]) {
      cell(row, name);
    }
    // a long error wraps to two lines at most; its title holds the whole of it
    cell(row, "error").appendChild(document.createElement("span"));
    cell(row, "created");
    const actions = document.createElement("div");
    actions.className = "row-actions";
    cell(row, "actions").appendChild(actions);
    const reason = document.createElement("input");
    reason.type = "text";
    reason.className = "skip-reason";
    reason.placeholder = "reason";
    reason.setAttribute("aria-label", "Reason to skip event " + id);
    const replay = document.createElement("button");
    replay.type = "button";
    replay.className = "replay";
    replay.textContent = "Replay";
    replay.addEventListener("click", () => act(row, "replay"));
    const skip = document.createElement("button");
    skip.type = "button";
    skip.className = "skip";
    skip.textContent = "Skip";
    skip.addEventListener("click", () => act(row, "skip"));
    reason.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        act(row, "skip");
      }
    });
    actions.append(replay, reason, skip);
    return row;
  }

  function fill(row, event) {
    const text = (selector, value) => {
      const td = row.querySelector("td." + selector);
      const target = td.firstElementChild || td;
      const shown = value === null || value === undefined || value === "" ? "–" : String(value);
      if (target.textContent !== shown) {
        target.textContent = shown;
      }
      td.title = shown;
    };
    text("type", event.eventType);
    text("key", event.orderingKey);
    text("destination", event.destination);
    text("attempts", event.attempts);
    text("error", event.lastError);
    text("created", created(event.createdAt));
    row.querySelector("td.created").title = String(event.createdAt);
  }

  // Updates the rows in place, so that a reason being typed survives the refresh.
  function showDead(events, deadCount) {
    const body = document.getElementById("dead-rows");
    const existing = new Map();
    for (const row of body.querySelectorAll("tr[data-event-id]")) {
      existing.set(row.dataset.eventId, row);
    }
    events.forEach((event, index) => {
      let row = existing.get(event.id);
      existing.delete(event.id);
      if (!row) {
        row = newRow(event.id);
      }
      fill(row, event);
      if (body.children[index] !== row) {
        body.insertBefore(row, body.children[index] || null);
      }
    });
    for (const gone of existing.values()) {
      gone.remove();
    }
    document.getElementById("no-dead").hidden = events.length > 0;
    document.getElementById("dead-events").hidden = events.length === 0;
    document.getElementById("dead-shown").textContent =
      deadCount > events.length ? "(oldest " + events.length + " of " + deadCount + ")" : "";
  }

  async function load() {
    const [summary, page] = await Promise.all([
      call("GET", "summary"),
      call("GET", "events?status=DEAD&limit=" + PAGE),
    ]);
    showSummary(summary);
    showDead(page.events || [], (summary.counts || {}).DEAD ?? 0);
    document.getElementById("refreshed").textContent =
      "updated " + new Date().toLocaleTimeString() + " · every " + REFRESH_MS / 1000 + " s";
  }

  /** One refresh at a time; a caller during a refresh waits for it and then refreshes again. */
  async function refresh() {
    while (refreshing) {
      await refreshing.catch(() => {});
    }
    refreshing = load();
    try {
      await refreshing;
      return true;
    } catch (e) {
      say("error", "Could not load the outbox state: " + e.message);
      return false;
    } finally {
      refreshing = null;
    }
  }

  async function act(row, action) {
    const id = row.dataset.eventId;
    const buttons = row.querySelectorAll("button");
    if (row.dataset.busy) {
      return; // Enter in the reason field while its action runs
    }
    row.dataset.busy = "true";
    buttons.forEach((b) => (b.disabled = true));
    try {
      if (action === "replay") {
        await call("POST", "events/" + encodeURIComponent(id) + "/replay");
        say("ok", "Replayed event " + shortId(id) + ": pending again, with a fresh count of attempts.");
      } else {
        const reason = row.querySelector("input.skip-reason").value;
        await call("POST", "events/" + encodeURIComponent(id) + "/skip", { reason });
        say("ok", "Skipped event " + shortId(id) + ": " + reason.trim());
      }
    } catch (e) {
      say("error", (action === "replay" ? "Replay" : "Skip") + " of event " + shortId(id) +
        " failed: " + e.message);
    } finally {
      delete row.dataset.busy;
      buttons.forEach((b) => (b.disabled = false));
    }
    await refresh();
  }

  refresh();
  setInterval(() => {
    if (!refreshing) {
      refresh();
    }
  }, REFRESH_MS);
})();
