// AeorDB web console: plain JS over the node's own HTTP API. The JWT lives in sessionStorage (this tab
// only) and is sent as a Bearer header, never in a URL. Every server string is rendered as text.
"use strict";

(() => {
  const TOKEN_KEY = "aeordb.console.token";
  const REFRESH_MS = 2000;
  const PREVIEW_BYTES = 2048;
  const $ = (id) => document.getElementById(id);
  let currentTab = "overview";
  let openNode = false; // --auth disabled: every request runs as root, no login
  let currentDir = "/";
  let timer = null;

  // ---- HTTP ----------------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  const token = () => sessionStorage.getItem(TOKEN_KEY);

  async function api(method, path, { json, body, headers = {}, raw = false } = {}) {
    const init = { method, headers: { ...headers }, cache: "no-store" };
    if (token()) { init.headers.Authorization = "Bearer " + token(); }
    if (json !== undefined) { init.headers["Content-Type"] = "application/json"; init.body = JSON.stringify(json); }
    else if (body !== undefined) { init.body = body; }
    // Relative to /console/, so the console also works behind a proxy that serves the node under a prefix.
    const response = await fetch(".." + path, init);
    if (response.status === 401 && path !== "/auth/token") { logout("Your session has expired; log in again."); }
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try { const error = await response.json(); if (error && error.error) { message = error.error; } } catch { /* no JSON body */ }
      throw new ApiError(response.status, message);
    }
    if (raw) { return response; }
    return response.status === 204 ? null : parseJson(await response.text());
  }

  // Node ids are u64 and may exceed 2^53 (CONTRACT §1.3): an integer JavaScript cannot hold exactly is kept as
  // its source text, so ids shown and sent back (DELETE /sync/peers/{id}) are the node's own.
  const parseJson = (text) => (text ? JSON.parse(text, (key, value, context) =>
    (typeof value === "number" && !Number.isSafeInteger(value) && context && /^-?\d+$/.test(context.source) ? context.source : value)) : null);

  const filePath = (path) => "/files" + path.split("/").map(encodeURIComponent).join("/");

  // ---- Formatting ----------------------------------------------------------------------------------------

  function bytes(n) {
    if (n === null || n === undefined) { return "–"; }
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0; let v = n;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v : v.toFixed(1)) + " " + units[i];
  }

  function duration(ms) {
    if (ms === null || ms === undefined) { return "–"; }
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) { return s + "s"; }
    const m = Math.floor(s / 60);
    if (m < 60) { return m + "m " + (s % 60) + "s"; }
    const h = Math.floor(m / 60);
    if (h < 48) { return h + "h " + (m % 60) + "m"; }
    return Math.floor(h / 24) + "d " + (h % 24) + "h";
  }

  const time = (ms) => (ms ? new Date(ms).toLocaleString() : "–");
  const ago = (ms) => (ms ? duration(Date.now() - ms) + " ago" : "never");

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") { node.className = value; }
      else if (key === "dataset") { Object.assign(node.dataset, value); }
      else if (key.startsWith("on")) { node.addEventListener(key.slice(2), value); }
      else { node[key] = value; }
    }
    for (const child of children) { node.append(child instanceof Node ? child : document.createTextNode(String(child ?? ""))); }
    return node;
  }

  function show(message, kind = "error") {
    const box = $("message");
    box.textContent = message;
    box.className = kind === "info" ? "info" : "";
    box.hidden = !message;
  }

  // Runs a user action (clearing the last message first) or, with quiet, a periodic refresh that leaves it.
  async function guarded(action, quiet = false) {
    try { if (!quiet) { show(""); } await action(); }
    catch (error) { if (!(error instanceof ApiError && error.status === 401)) { show(error.message); } }
  }

  // ---- Session -------------------------------------------------------------------------------------------

  async function login(event) {
    event.preventDefault();
    const input = $("api-key");
    await guarded(async () => {
      try {
        const answer = await api("POST", "/auth/token", { json: { api_key: input.value.trim() } });
        sessionStorage.setItem(TOKEN_KEY, answer.token);
        input.value = "";
        enter();
      } catch (error) {
        throw new Error(error.status === 401 ? "Login failed: the API key was refused." : "Login failed: " + error.message);
      }
    });
  }

  function logout(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    openNode = false;
    clearInterval(timer);
    for (const id of ["tabs", "logout", "overview-view", "conflicts-view", "files-view"]) { $(id).hidden = true; }
    $("login-view").hidden = false;
    show(message || "", "info");
  }

  function enter() {
    $("login-view").hidden = true;
    $("tabs").hidden = false;
    $("logout").hidden = false;
    select(currentTab);
  }

  function select(tab) {
    currentTab = tab;
    for (const button of document.querySelectorAll("#tabs button")) { button.classList.toggle("active", button.dataset.tab === tab); }
    for (const name of ["overview", "conflicts", "files"]) { $(name + "-view").hidden = name !== tab; }
    clearInterval(timer);
    refresh();
    if (tab === "overview") { timer = setInterval(refresh, REFRESH_MS); }
  }

  function refresh() {
    if (!token() && !openNode) { return; }
    const views = { overview: loadOverview, conflicts: loadConflicts, files: loadFiles };
    guarded(views[currentTab], true);
    if (currentTab !== "conflicts") { loadConflictCount(); }
  }

  // ---- Overview: node and peers --------------------------------------------------------------------------

  async function loadOverview() {
    try {
      const node = await api("GET", "/system/node");
      $("node-id").textContent = node.node_id ?? "–";
      $("node-version").textContent = node.version;
      $("node-uptime").textContent = duration(node.uptime_ms);
      $("node-database").textContent = node.storage.database_bytes === null ? node.storage.backend : bytes(node.storage.database_bytes);
      $("node-disk").textContent = Math.round(node.storage.disk_used_ratio * 100) + "% used, " + bytes(node.storage.disk_available_bytes) + " free";
      $("node-note").hidden = true;
      $("peers-section").hidden = false;
    } catch (error) {
      if (error.status !== 403) { throw error; }
      $("peers-section").hidden = true;
      $("node-note").textContent = "Node and peer figures need a root key; the file browser works with this key's rights.";
      $("node-note").hidden = false;
      return;
    }
    const peers = (await api("GET", "/sync/peers")).items;
    const rows = peers.map((peer) => {
      const status = peer.sync_status || {};
      return el("tr", { dataset: { nodeId: String(peer.node_id) } },
        el("td", { class: "num" }, String(peer.node_id)),
        el("td", {}, peer.address),
        el("td", {}, peer.label ?? ""),
        el("td", {}, el("span", { class: "state " + peer.state }, peer.state)),
        el("td", { title: time(peer.last_sync_at) }, ago(peer.last_sync_at)),
        el("td", { class: "num" }, peer.last_sync_at ? duration(Date.now() - peer.last_sync_at) : "–"),
        el("td", { class: "num" }, status.consecutive_failures + " / " + status.total_failures),
        el("td", { class: "error" }, status.last_error ?? ""),
        el("td", {}, el("button", { type: "button", class: "danger", onclick: () => removePeer(peer) }, "Remove")));
    });
    $("peers").tBodies[0].replaceChildren(...rows);
    $("peers-empty").hidden = peers.length > 0;
  }

  async function addPeer(event) {
    event.preventDefault();
    await guarded(async () => {
      const label = $("peer-label").value.trim();
      const peer = await api("POST", "/sync/peers", { json: { address: $("peer-address").value.trim(), label: label || null } });
      $("peer-address").value = ""; $("peer-label").value = "";
      show("Added peer " + peer.node_id + " (" + peer.address + ").", "info");
      await loadOverview();
    });
  }

  async function removePeer(peer) {
    if (!confirm("Remove peer " + peer.node_id + " (" + peer.address + ")?")) { return; }
    await guarded(async () => {
      await api("DELETE", "/sync/peers/" + encodeURIComponent(peer.node_id));
      show("Removed peer " + peer.node_id + ".", "info");
      await loadOverview();
    });
  }

  async function trigger(event) {
    event.preventDefault();
    await guarded(async () => {
      const force = $("force-activate").checked ? "?force_activate=true" : "";
      const r = await api("POST", "/sync/trigger" + force);
      const failures = r.results.filter((x) => !x.ok).map((x) => x.node_id + ": " + x.error);
      $("trigger-result").textContent = "Synced " + r.peers_synced + ", failed " + r.peers_failed + ", skipped " + r.peers_skipped
        + (failures.length ? " — " + failures.join("; ") : "") + ".";
      $("trigger-result").hidden = false;
      await loadOverview();
    });
  }

  // ---- Conflicts -----------------------------------------------------------------------------------------

  async function loadConflictCount() {
    try { setConflictCount((await api("GET", "/sync/conflicts")).items.length); }
    catch { setConflictCount(0); }
  }

  const setConflictCount = (n) => { $("conflict-count").textContent = n > 0 ? String(n) : ""; };

  async function loadConflicts() {
    const items = (await api("GET", "/sync/conflicts")).items;
    setConflictCount(items.length);
    $("conflicts-empty").hidden = items.length > 0;
    $("conflicts").replaceChildren(...items.map(conflictCard));
  }

  function conflictCard(conflict) {
    const card = el("article", { class: "conflict", dataset: { path: conflict.path } },
      el("h3", {}, conflict.path, el("span", { class: "type" }, conflict.conflict_type + " · detected " + time(conflict.created_at))),
      el("div", { class: "sides" }, side("Winner", "winner", conflict.winner), side("Loser", "loser", conflict.loser)),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "primary", dataset: { pick: "winner" }, onclick: () => resolve(conflict.path, "winner") }, "Keep winner"),
        el("button", { type: "button", dataset: { pick: "loser" }, onclick: () => resolve(conflict.path, "loser") }, "Keep loser"),
        el("button", { type: "button", class: "danger", dataset: { pick: "dismiss" }, onclick: () => dismiss(conflict.path) }, "Dismiss")));
    return card;
  }

  function side(title, kind, s) {
    const deleted = !s.hash;
    const preview = el("pre", { class: "preview" }, deleted ? "(deleted)" : "…");
    if (!deleted) { loadPreview(s, preview); }
    return el("section", { class: "side " + kind, dataset: { side: kind } },
      el("h4", {}, title),
      el("dl", {},
        el("dt", {}, "Node"), el("dd", {}, String(s.node_id)),
        el("dt", {}, "Size"), el("dd", {}, deleted ? "–" : bytes(s.size)),
        el("dt", {}, "Time"), el("dd", {}, time(s.virtual_time)),
        el("dt", {}, "Type"), el("dd", {}, s.content_type ?? "–"),
        el("dt", {}, "Version"), el("dd", { title: s.hash }, deleted ? "–" : s.hash.slice(0, 16) + "…")),
      preview);
  }

  const isText = (type) => !type || /^text\/|json|xml|javascript|yaml|toml|csv/.test(type);

  async function loadPreview(s, target) {
    if (!isText(s.content_type)) { target.textContent = "(binary, " + bytes(s.size) + ")"; return; }
    if (s.size === 0) { target.textContent = "(empty)"; return; }
    try {
      const response = await api("GET", "/blobs/" + s.hash, { headers: { Range: "bytes=0-" + (PREVIEW_BYTES - 1) }, raw: true });
      const text = new TextDecoder("utf-8", { fatal: false }).decode(await response.arrayBuffer());
      target.textContent = text + (s.size > PREVIEW_BYTES ? "\n…" : "");
    } catch (error) {
      target.textContent = "(no preview: " + error.message + ")";
    }
  }

  async function resolve(path, pick) {
    await guarded(async () => {
      await api("POST", "/sync/conflicts" + path.split("/").map(encodeURIComponent).join("/"), { json: { pick } });
      show("Resolved " + path + ": kept the " + pick + ".", "info");
      await loadConflicts();
    });
  }

  async function dismiss(path) {
    await guarded(async () => {
      await api("POST", "/sync/dismiss" + path.split("/").map(encodeURIComponent).join("/"));
      show("Dismissed the conflict on " + path + ".", "info");
      await loadConflicts();
    });
  }

  // ---- Files ---------------------------------------------------------------------------------------------

  const join = (dir, name) => (dir === "/" ? "/" : dir + "/") + name;

  async function loadFiles() {
    const listing = await api("GET", filePath(currentDir === "/" ? "" : currentDir) + "/");
    renderBreadcrumb();
    const rows = listing.items.map((item) => {
      const isDir = item.entry_type === 3;
      const name = isDir ? el("button", { type: "button", class: "link", onclick: () => openDir(item.path) }, item.name + "/") : item.name;
      const actions = el("td", {});
      if (!isDir) { actions.append(el("button", { type: "button", dataset: { action: "download" }, onclick: () => download(item) }, "Download"), " "); }
      actions.append(el("button", { type: "button", class: "danger", dataset: { action: "delete" }, onclick: () => remove(item) }, "Delete"));
      return el("tr", { dataset: { path: item.path } },
        el("td", {}, name),
        el("td", { class: "num" }, isDir ? "–" : bytes(item.size)),
        el("td", {}, isDir ? "directory" : item.entry_type === 8 ? "→ " + item.target : item.content_type ?? "–"),
        el("td", {}, time(item.updated_at)),
        actions);
    });
    $("files").tBodies[0].replaceChildren(...rows);
    $("files-empty").hidden = rows.length > 0;
  }

  function renderBreadcrumb() {
    const parts = currentDir.split("/").filter(Boolean);
    const crumbs = [el("button", { type: "button", onclick: () => openDir("/") }, "/")];
    parts.forEach((part, i) => {
      const target = "/" + parts.slice(0, i + 1).join("/");
      crumbs.push(el("button", { type: "button", onclick: () => openDir(target) }, part), "/");
    });
    $("breadcrumb").replaceChildren(...crumbs);
  }

  function openDir(path) { currentDir = path; guarded(loadFiles); }

  async function upload(event) {
    event.preventDefault();
    const file = $("upload-input").files[0];
    if (!file) { return; }
    await guarded(async () => {
      const headers = file.type ? { "Content-Type": file.type } : {};
      const written = await api("PUT", filePath(join(currentDir, file.name)), { body: file, headers });
      $("upload-input").value = "";
      show("Uploaded " + written.path + " (" + bytes(written.size) + ").", "info");
      await loadFiles();
    });
  }

  async function download(item) {
    await guarded(async () => {
      const response = await api("GET", filePath(item.path), { raw: true });
      const url = URL.createObjectURL(await response.blob());
      const link = el("a", { href: url, download: item.name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    });
  }

  async function remove(item) {
    if (!confirm("Delete " + item.path + "?")) { return; }
    await guarded(async () => {
      await api("DELETE", filePath(item.path));
      show("Deleted " + item.path + ".", "info");
      await loadFiles();
    });
  }

  // ---- Wiring --------------------------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", () => {
    $("login-form").addEventListener("submit", login);
    $("logout").addEventListener("click", () => logout("Logged out."));
    $("add-peer-form").addEventListener("submit", addPeer);
    $("trigger-form").addEventListener("submit", trigger);
    $("upload-form").addEventListener("submit", upload);
    for (const button of document.querySelectorAll("#tabs button")) { button.addEventListener("click", () => select(button.dataset.tab)); }
    if (token()) { enter(); } else { logout(); probeOpenNode(); }
  });

  // A node started with --auth disabled answers root routes without a token: no login to ask for.
  async function probeOpenNode() {
    try {
      const response = await fetch("../system/node", { cache: "no-store" });
      if (!response.ok || token()) { return; }
      openNode = true;
      enter();
      show("This node runs without authentication (--auth disabled).", "info");
    } catch { /* unreachable: the login form stays */ }
  }
})();
