// Raut's web page: drop photos, each one is sent to POST /v1/analyze on its own and its result is
// drawn over its preview. Plain JavaScript, no libraries, nothing loaded from the network.
"use strict";

(() => {
  const IMAGE_EXTENSIONS = ["jpg", "jpeg", "jpe", "png", "bmp", "gif", "tif", "tiff", "webp"];
  // every photo inside these is analysed and gets a card of its own
  const DOCUMENT_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx"];
  const PARALLEL_UPLOADS = 2;
  // previews are drawn at most this wide/high: enough for a card, light on memory with many photos
  const PREVIEW_SIDE = 960;
  const MAX_RETRIES = 20;

  const settings = {
    maxBytes: 10 * 1024 * 1024,
    types: ["image/bmp", "image/gif", "image/jpeg", "image/png", "image/tiff", "image/webp"],
    classifier: false,
  };
  let token = sessionStorage.getItem("raut-token") || "";
  // the page's words come from the server (GET /texts, bundle "web"); the choice is remembered here
  const LANGUAGE_KEY = "raut-language";
  let language = new URLSearchParams(location.search).get("lang") || localStorage.getItem(LANGUAGE_KEY) || "";
  let texts = {};
  let labelNames = {};
  let modelsInfo = null;
  const waiting = [];
  const cards = [];
  let running = 0;
  let needToken = false; // sending waits until the user gives the token

  const $ = (id) => document.getElementById(id);
  const drop = $("drop");
  const input = $("files");
  const photos = $("photos");
  const status = $("status");

  // A text of the page: {0}, {1} filled with args (numbers in the page's language).
  function t(key, ...args) {
    const pattern = texts[key] || key;
    return pattern.replace(/\{(\d+)\}/g, (whole, i) => {
      const value = args[Number(i)];
      if (value === undefined) return whole;
      return typeof value === "number" ? value.toLocaleString(language || undefined) : String(value);
    });
  }

  // The display name of a built-in model's label ("happy" → "senang"); a user's own label as it is.
  function labelName(label) {
    return labelNames[label] || labelNames[String(label).toLowerCase()] || label;
  }

  // Reads the words for `wanted` (empty: the browser's Accept-Language decides) and relabels the page.
  async function loadTexts(wanted) {
    const response = await fetch("/texts" + (wanted ? "?lang=" + encodeURIComponent(wanted) : ""));
    const body = await response.json();
    language = body.language;
    texts = body.texts;
    labelNames = body.labels;
    document.documentElement.lang = language;
    $("language").value = language;
    for (const element of document.querySelectorAll("[data-text]")) element.textContent = t(element.dataset.text);
    for (const element of document.querySelectorAll("[data-text-placeholder]")) {
      element.placeholder = t(element.dataset.textPlaceholder);
    }
    for (const element of document.querySelectorAll("[data-text-title]")) element.title = t(element.dataset.textTitle);
    for (const element of document.querySelectorAll("[data-text-aria-label]")) {
      element.setAttribute("aria-label", t(element.dataset.textAriaLabel));
    }
    const template = $("photo-template").content;
    for (const element of template.querySelectorAll("[data-text-title]")) element.title = t(element.dataset.textTitle);
    for (const element of template.querySelectorAll("[data-text-aria-label]")) {
      element.setAttribute("aria-label", t(element.dataset.textAriaLabel));
    }
    if (modelsInfo) showLimits();
    for (const card of cards) {
      if (card.result) showResult(card, card.result);
    }
    updateStatus();
  }

  $("language").addEventListener("change", async () => {
    localStorage.setItem(LANGUAGE_KEY, $("language").value);
    await loadTexts($("language").value);
  });

  function authHeaders() {
    return token ? { Authorization: "Bearer " + token } : {};
  }

  function formatBytes(bytes) {
    if (bytes >= 1024 * 1024) return t("size.mb", Math.round(bytes / (1024 * 1024) * 10) / 10);
    if (bytes >= 1024) return t("size.kb", Math.round(bytes / 1024));
    return t("size.bytes", bytes);
  }

  function percent(score) {
    return (score * 100).toLocaleString(language || undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
        + " %";
  }

  // ---- settings and token -------------------------------------------------------------------

  async function loadSettings() {
    const response = await fetch("/v1/models", { headers: authHeaders() });
    if (response.status === 401) {
      askForToken(token ? t("token.rejected") : "");
      return false;
    }
    const body = await response.json();
    const upload = body.data.upload;
    settings.maxBytes = upload.max_image_bytes;
    settings.types = upload.types;
    settings.classifier = body.data.classifier !== null;
    modelsInfo = body.data;
    showLimits();
    $("token-box").hidden = true;
    needToken = false;
    return true;
  }

  function showLimits() {
    $("limits").textContent = t("limits", formatBytes(settings.maxBytes))
        + (settings.classifier ? " " + t("limits.classifier", modelsInfo.classifier.name) : "");
  }

  function askForToken(message) {
    needToken = true;
    $("token-box").hidden = false;
    $("token-message").textContent = message;
    $("token").focus();
  }

  $("token-save").addEventListener("click", async () => {
    token = $("token").value.trim();
    sessionStorage.setItem("raut-token", token);
    if (await loadSettings()) {
      pump();
    }
  });

  // ---- adding photos ------------------------------------------------------------------------

  function rejection(file) {
    const dot = file.name.lastIndexOf(".");
    const extension = dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : "";
    const typeKnown = file.type ? settings.types.includes(file.type)
        : IMAGE_EXTENSIONS.includes(extension) || DOCUMENT_EXTENSIONS.includes(extension);
    if (!typeKnown) {
      return t("notAPhoto", file.name, file.type || t("unknownType"));
    }
    if (file.size > settings.maxBytes) {
      return t("tooBig", file.name, formatBytes(file.size), formatBytes(settings.maxBytes));
    }
    return null;
  }

  function addFiles(files) {
    for (const file of files) {
      const card = newCard(file);
      const problem = rejection(file);
      if (problem) {
        showError(card, problem);
      } else {
        card.preview = showPreview(card, file);
        waiting.push(card);
      }
    }
    pump();
  }

  function newCard(file, after) {
    const element = $("photo-template").content.firstElementChild.cloneNode(true);
    const card = { element, file, controller: new AbortController(), removed: false, url: null, result: null };
    cards.push(card);
    element.querySelector(".name").textContent = file.name;
    element.querySelector(".remove").addEventListener("click", () => removeCard(card));
    if (after) after.element.after(element);
    else photos.appendChild(element);
    return card;
  }

  // "page 3, photo 2" (a slide in a presentation, a sheet in a workbook), as the server's "part" says
  function describePart(fileName, part) {
    const words = [];
    if (part.page) words.push(t(fileName.toLowerCase().endsWith(".pptx") ? "part.slide" : "part.page", part.page));
    if (part.sheet) words.push(t("part.sheet", part.sheet));
    words.push(t("part.photo", part.index));
    return fileName + " — " + words.join(", ");
  }

  // A document's photos: its card takes the first, a new card after it each of the others (no preview:
  // the browser cannot draw a photo inside a document, so the card lists what was found).
  function showDocument(card, results) {
    let previous = card;
    results.forEach((result, i) => {
      const photoCard = i === 0 ? card : newCard(card.file, previous);
      previous = photoCard;
      photoCard.element.dataset.document = "true";
      photoCard.element.querySelector(".name").textContent = describePart(card.file.name, result.part);
      if (result.error) showError(photoCard, result.error.message);
      else showResult(photoCard, result);
    });
  }

  function removeCard(card) {
    card.removed = true;
    cards.splice(cards.indexOf(card), 1);
    card.controller.abort();
    const index = waiting.indexOf(card);
    if (index >= 0) waiting.splice(index, 1);
    if (card.url) URL.revokeObjectURL(card.url);
    card.element.remove();
  }

  // Draws the photo as soon as it is decoded; the analysis is drawn over it later.
  function showPreview(card, file) {
    card.url = URL.createObjectURL(file);
    return new Promise((resolve) => {
      const image = new Image();
      image.onload = () => {
        card.image = image;
        const canvas = card.element.querySelector(".preview");
        const scale = Math.min(1, PREVIEW_SIDE / Math.max(image.naturalWidth, image.naturalHeight));
        canvas.width = Math.round(image.naturalWidth * scale);
        canvas.height = Math.round(image.naturalHeight * scale);
        canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
        resolve(image);
      };
      image.onerror = () => resolve(null); // the server says what is wrong with it
      image.src = card.url;
    });
  }

  // ---- sending ------------------------------------------------------------------------------

  function pump() {
    while (!needToken && running < PARALLEL_UPLOADS && waiting.length > 0) {
      const card = waiting.shift();
      running++;
      analyse(card).finally(() => {
        running--;
        pump();
      });
    }
    updateStatus();
  }

  function updateStatus() {
    const busy = running + waiting.length;
    status.textContent = busy > 0 ? (busy === 1 ? t("analysingOne") : t("analysingMany", busy)) : "";
  }

  async function analyse(card) {
    for (let attempt = 0; attempt <= MAX_RETRIES && !card.removed; attempt++) {
      const form = new FormData();
      form.append("image", card.file, card.file.name);
      form.append("faces", "true");
      form.append("emotions", "true");
      form.append("objects", "true");
      if (settings.classifier) form.append("classifier", "true");
      let response;
      try {
        response = await fetch("/v1/analyze?lang=" + encodeURIComponent(language), {
          method: "POST", body: form, headers: authHeaders(), signal: card.controller.signal,
        });
      } catch (e) {
        if (!card.removed) showError(card, t("unreachable", e.message));
        return;
      }
      if (response.status === 503) {
        const seconds = Number(response.headers.get("Retry-After")) || 1;
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        continue;
      }
      if (response.status === 401) {
        askForToken(t("token.needed"));
        waiting.unshift(card);
        return;
      }
      const body = await response.json().catch(() => null);
      if (card.removed) return;
      if (!response.ok || body === null) {
        showError(card, body ? body.status.message : t("answered", response.status));
        return;
      }
      const result = body.data.images[0];
      if (result.part) {
        showDocument(card, body.data.images);
        if (body.data.documents) {
          const note = document.createElement("li");
          note.className = "note";
          note.textContent = body.data.documents.join(" ");
          card.element.querySelector(".labels").appendChild(note);
        }
        return;
      }
      if (result.error) {
        showError(card, result.error.message);
        return;
      }
      await card.preview;
      showResult(card, result);
      return;
    }
    if (!card.removed) showError(card, t("busy"));
  }

  // ---- showing ------------------------------------------------------------------------------

  function showError(card, message) {
    card.element.dataset.state = "error";
    card.element.querySelector(".error").textContent = message;
    updateStatus();
  }

  function addLabel(list, kind, label, score) {
    const item = document.createElement("li");
    const name = document.createElement("span");
    const tag = document.createElement("span");
    tag.className = "kind";
    tag.textContent = kind;
    name.append(tag, labelName(label));
    const pct = document.createElement("span");
    pct.className = "pct";
    pct.textContent = percent(score);
    item.append(name, pct);
    list.appendChild(item);
  }

  function showResult(card, result) {
    card.result = result;
    const list = card.element.querySelector(".labels");
    for (const item of Array.from(list.children)) {
      if (!item.classList.contains("note")) item.remove();
    }
    const note = list.querySelector(".note");
    const add = (kind, label, score) => {
      addLabel(list, kind, label, score);
      if (note) list.appendChild(note);
    };
    for (const c of result.classes) add(t("kind.class"), c.label, c.score);
    result.faces.forEach((face, i) => {
      if (face.emotion) add(t("kind.face", i + 1), face.emotion.label, face.emotion.score);
      else add(t("kind.face", i + 1), t("face"), face.score);
    });
    for (const o of result.objects) add(t("kind.object"), o.label, o.score);
    if (list.children.length === (note ? 1 : 0)) {
      const item = document.createElement("li");
      item.textContent = t("nothing");
      list.appendChild(item);
    }
    drawOverlay(card, result);
    card.element.dataset.state = "done";
    updateStatus();
  }

  // Face boxes with their emotion, in the photo's own pixels (the server reports the size it used).
  function drawOverlay(card, result) {
    if (!card.image) return;
    const canvas = card.element.querySelector(".preview");
    const g = canvas.getContext("2d");
    g.drawImage(card.image, 0, 0, canvas.width, canvas.height);
    const sx = canvas.width / result.width;
    const sy = canvas.height / result.height;
    const line = Math.max(2, Math.round(canvas.width / 200));
    const fontSize = Math.max(12, Math.round(canvas.width / 28));
    g.lineWidth = line;
    g.font = "bold " + fontSize + "px system-ui, sans-serif";
    g.textBaseline = "bottom";
    for (const face of result.faces) {
      const [x, y, w, h] = face.box;
      g.strokeStyle = "#39d353";
      g.strokeRect(x * sx, y * sy, w * sx, h * sy);
      if (face.emotion) {
        const text = labelName(face.emotion.label) + " " + Math.round(face.emotion.score * 100) + "%";
        const width = g.measureText(text).width + 2 * line;
        const height = fontSize + line;
        const top = Math.max(height, y * sy);
        const left = Math.max(0, Math.min(x * sx, canvas.width - width));
        g.fillStyle = "rgba(0, 0, 0, 0.65)";
        g.fillRect(left, top - height, width, height);
        g.fillStyle = "#ffffff";
        g.fillText(text, left + line, top);
      }
    }
  }

  // ---- drag and drop ------------------------------------------------------------------------

  input.addEventListener("change", () => {
    addFiles(Array.from(input.files));
    input.value = "";
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const type of ["dragleave", "drop"]) {
    drop.addEventListener(type, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    addFiles(Array.from(e.dataTransfer.files));
  });
  // a photo dropped beside the zone must not make the browser navigate away
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());

  loadTexts(language).then(loadSettings).catch((e) => {
    status.textContent = t("unreachable", e.message);
  });
})();
