// The dispatcher's day page: plan and re-plan with progress, publish, pins, address fixes,
// slot layers and the day's progress. Talks to the JSON API only; reloads to show a new state.
(function () {
  "use strict";
  const page = document.getElementById("daypage");
  if (!page) return;
  const day = page.dataset.day;
  const glue = window.dispatchMap || {};
  const fmap = glue.map;
  const messages = document.getElementById("messages");

  function text(name, values) {
    let s = page.dataset["text" + name] || "";
    for (const [k, v] of Object.entries(values || {})) s = s.replace("{" + k + "}", v);
    return s;
  }

  function say(message, kind) {
    const div = document.createElement("div");
    div.className = "alert alert-" + (kind || "info");
    div.textContent = message;
    messages.replaceChildren(div);
  }

  async function api(method, url, body) {
    const response = await fetch(url, {
      method: method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    });
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok && !(response.status === 409 && data && data.error === "plan_running")) {
      const message = (data && data.message) || response.statusText;
      throw new Error(message);
    }
    return { status: response.status, data: data };
  }

  function fail(error) { say(text("Error", { message: error.message }), "danger"); }

  // --- plan / re-plan with progress -------------------------------------------------------
  const progress = document.getElementById("plan-progress");
  const bar = progress.querySelector(".progress-bar");
  const progressText = progress.querySelector(".progress-text");
  const limit = parseFloat(page.dataset.timeLimit) || 10;

  async function follow(planId) {
    progress.hidden = false;
    const started = Date.now();
    document.getElementById("plan-button").disabled = true;
    for (;;) {
      const elapsed = (Date.now() - started) / 1000;
      bar.style.width = Math.min(95, 5 + (90 * elapsed) / (limit + 5)) + "%";
      progressText.textContent = text("Solving") + " " +
        text("Seconds", { elapsed: Math.round(elapsed), limit: Math.round(limit) });
      const { data } = await api("GET", "/api/plans/" + planId);
      if (data.status !== "solving") {
        bar.style.width = "100%";
        window.location.href = "/dispatch/" + day + "?version=" + data.version;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  document.getElementById("plan-button").addEventListener("click", async () => {
    try {
      const { status, data } = await api("POST", "/api/plans", { date: day });
      const planId = status === 409 ? data.details.plan_id : data.plan_id;
      await follow(planId);
    } catch (error) { fail(error); }
  });
  if (page.dataset.solvingId) follow(page.dataset.solvingId).catch(fail);

  const publish = document.getElementById("publish-button");
  if (publish) publish.addEventListener("click", async () => {
    try {
      const { data } = await api("POST", "/api/plans/" + publish.dataset.planId + "/publish");
      window.location.href = "/dispatch/" + day + "?version=" + data.version;
    } catch (error) { fail(error); }
  });

  // --- date and version pickers -----------------------------------------------------------
  document.getElementById("day-picker").addEventListener("change", (e) => {
    if (e.target.value) window.location.href = "/dispatch/" + e.target.value;
  });
  const versions = document.getElementById("version-picker");
  if (versions) versions.addEventListener("change", (e) => {
    window.location.href = "/dispatch/" + day + "?version=" + e.target.value;
  });

  // --- move to another van / lock in place ------------------------------------------------
  async function pin(holder, vanId) {
    const base = holder.dataset.kind === "order" ? "/api/orders/" : "/api/furniture-jobs/";
    await api("POST", base + encodeURIComponent(holder.dataset.ref) + "/pin", { van_id: vanId || null });
    sessionStorage.setItem("dispatch-message", text("PinSaved"));
    window.location.reload();
  }
  document.querySelectorAll(".pin").forEach((holder) => {
    holder.querySelectorAll("button[data-pin]").forEach((button) =>
      button.addEventListener("click", () => pin(holder, button.dataset.pin).catch(fail)));
    const select = holder.querySelector("select.move");
    if (select) select.addEventListener("change", () => {
      if (select.value) pin(holder, select.value).catch(fail);
    });
  });
  const saved = sessionStorage.getItem("dispatch-message");
  if (saved) { sessionStorage.removeItem("dispatch-message"); say(saved, "success"); }

  // --- addresses to review: pick a candidate or place the pin on the map ------------------
  async function locate(url, body) {
    await api("POST", url, body);
    sessionStorage.setItem("dispatch-message", text("Placed"));
    window.location.reload();
  }
  document.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-candidate]");
    if (button) locate(button.dataset.url, { candidate: parseInt(button.dataset.candidate, 10) }).catch(fail);
  });
  let placing = null;
  const hint = document.getElementById("map-hint");
  function stopPlacing() { placing = null; hint.hidden = true; document.body.classList.remove("placing"); }
  document.querySelectorAll("button[data-place]").forEach((button) =>
    button.addEventListener("click", () => {
      placing = button.dataset.place;
      hint.textContent = text("ClickMap", { what: button.dataset.what });
      hint.hidden = false;
      document.body.classList.add("placing");
    }));
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") stopPlacing(); });
  if (fmap) fmap.on("click", (e) => {
    if (!placing) return;
    const url = placing;
    stopPlacing();
    locate(url, { lat: e.latlng.lat, lon: e.latlng.lng }).catch(fail);
  });

  // --- slot layers: a stop shows when its van's layer and one of its slots are on ----------
  function applySlots() {
    if (!fmap || !glue.slots) return;
    const on = new Set(Object.entries(glue.slots).filter(([, layer]) => fmap.hasLayer(layer)).map(([slot]) => slot));
    for (const [marker, vanLayer, slots] of glue.slotMarkers || []) {
      const visible = slots.some((slot) => on.has(slot));
      if (visible && !vanLayer.hasLayer(marker)) vanLayer.addLayer(marker);
      if (!visible && vanLayer.hasLayer(marker)) vanLayer.removeLayer(marker);
    }
  }
  if (fmap) { fmap.on("overlayadd overlayremove", applySlots); }

  // --- the day's progress, as crews report stops -------------------------------------------
  const states = ["p-pending", "p-under_way", "p-done", "p-failed", "p-late"];
  async function refreshProgress() {
    const version = new URLSearchParams(window.location.search).get("version");
    const { data } = await api("GET", "/dispatch/" + day + "/progress" + (version ? "?version=" + version : ""));
    for (const [stopId, state] of Object.entries(data.stops)) {
      document.querySelectorAll('li[data-stop="' + stopId + '"]').forEach((li) => {
        li.classList.remove(...states); li.classList.add("p-" + state);
      });
      document.querySelectorAll(".stop-pin[data-stops]").forEach((pinEl) => {
        if (pinEl.dataset.stops.split(" ").includes(stopId)) {
          pinEl.classList.remove(...states); pinEl.classList.add("p-" + state);
        }
      });
    }
  }
  if (page.dataset.planStatus === "published") setInterval(() => refreshProgress().catch(() => {}), 60000);
})();
