// Raut's web page: drop photos, each one is sent to POST /v1/analyze on its own with the options
// chosen on the page, and its boxes are drawn over its preview. Plain JavaScript, no libraries,
// nothing loaded from the network.
"use strict";

(() => {
  const IMAGE_EXTENSIONS = ["jpg", "jpeg", "jpe", "png", "bmp", "gif", "tif", "tiff", "webp"];
  // every photo inside these is analysed and gets a card of its own
  const DOCUMENT_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx"];
  const PARALLEL_UPLOADS = 2;
  // previews are drawn at most this wide/high: enough for a card, light on memory with many photos
  const PREVIEW_SIDE = 960;
  const MAX_RETRIES = 20;
  // what each "find" choice asks /v1/analyze for (its options faces, emotions, objects)
  const FIND = {
    faces: { faces: true, emotions: false, objects: false },
    emotions: { faces: true, emotions: true, objects: false },
    objects: { faces: false, emotions: false, objects: true },
    facesObjects: { faces: true, emotions: false, objects: true },
    all: { faces: true, emotions: true, objects: true },
  };
  const OPTIONS_KEY = "raut-options";
  // the labels on the photo keep one size whatever the photo's: the same font as app.css's .overlay text
  const LABEL_FONT = "600 12px system-ui, sans-serif";
  const LABEL_HEIGHT = 17;
  const LABEL_PADDING = 4;

  const settings = {
    maxBytes: 10 * 1024 * 1024,
    types: ["image/bmp", "image/gif", "image/jpeg", "image/png", "image/tiff", "image/webp"],
  };
  let token = sessionStorage.getItem("raut-token") || "";
  // the page's words come from the server (GET /texts, bundle "web"); the choice is remembered here
  const LANGUAGE_KEY = "raut-language";
  let language = new URLSearchParams(location.search).get("lang") || localStorage.getItem(LANGUAGE_KEY) || "";
  let texts = {};
  let labelNames = {};
  let modelsInfo = null;
  // the classifiers the server offers: {value sent as the option classifier, name, scope}
  let classifiers = [];
  const waiting = [];
  const cards = [];
  let running = 0;
  let needToken = false; // sending waits until the user gives the token

  const $ = (id) => document.getElementById(id);
  const drop = $("drop");
  const input = $("files");
  const photos = $("photos");
  const status = $("status");
  // the SVG namespace, as the HTML parser gave it to the card's overlay
  const SVG_NS = $("photo-template").content.querySelector(".overlay").namespaceURI;
  const measuring = document.createElement("canvas").getContext("2d");
  measuring.font = LABEL_FONT;
  // each preview's boxes are drawn again at its new size when the window (or the grid) resizes it
  const resizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const card = cards.find((c) => c.element.querySelector(".preview") === entry.target);
      if (card && card.result) drawOverlay(card, card.result);
    }
  });

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
    if (modelsInfo) {
      showLimits();
      showClassifiers();
    }
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
    modelsInfo = body.data;
    classifiers = offeredClassifiers(body.data);
    showLimits();
    showClassifiers(true);
    $("token-box").hidden = true;
    needToken = false;
    return true;
  }

  function showLimits() {
    $("limits").textContent = t("limits", formatBytes(settings.maxBytes));
  }

  // ---- analysis options ---------------------------------------------------------------------

  function rememberedOptions() {
    try {
      return JSON.parse(localStorage.getItem(OPTIONS_KEY)) || {};
    } catch (e) {
      return {};
    }
  }

  function rememberOptions() {
    localStorage.setItem(OPTIONS_KEY, JSON.stringify(
        { find: $("find").value, detector: $("detector").value, classifier: $("classifier").value }));
  }

  function chooseIfListed(select, value) {
    const listed = typeof value === "string" && Array.from(select.options).some((o) => o.value === value);
    if (listed) select.value = value;
    return listed;
  }

  // The server's own --classifier (sent as "true") unless it is an imported one, then the library's.
  function offeredClassifiers(info) {
    const offered = [];
    if (info.classifier && !info.classifier.id) {
      offered.push({ value: "true", name: info.classifier.name, scope: info.classifier.scope });
    }
    for (const entry of info.library || []) offered.push({ value: entry.id, name: entry.name, scope: entry.scope });
    return offered;
  }

  // Lists the classifiers in the page's language; on the first listing the remembered choice is
  // taken, else the server's own classifier when it has one.
  function showClassifiers(first) {
    const select = $("classifier");
    const wanted = first ? rememberedOptions().classifier : select.value;
    const none = document.createElement("option");
    none.value = "";
    none.dataset.text = "classifier.none";
    none.textContent = t("classifier.none");
    select.replaceChildren(none);
    for (const c of classifiers) {
      const option = document.createElement("option");
      option.value = c.value;
      option.textContent = t(c.scope === "face" ? "classifier.face" : "classifier.image", c.name);
      select.appendChild(option);
    }
    if (!chooseIfListed(select, wanted)) {
      const own = modelsInfo.classifier;
      select.value = wanted === undefined && own ? own.id || "true" : "";
    }
    select.disabled = classifiers.length === 0;
    showDetectorInUse();
  }

  // The detector matters only when faces are looked for: by the choice, or by a face classifier.
  function findsFaces(options) {
    return FIND[options.find].faces || (options.classifier !== null && options.classifier.scope === "face");
  }

  function showDetectorInUse() {
    $("detector").disabled = !findsFaces(chosenOptions());
  }

  // The options an upload is sent with, kept on its card so its results can say what was asked.
  function chosenOptions() {
    const classifier = classifiers.find((c) => c.value === $("classifier").value) || null;
    return { find: $("find").value, detector: $("detector").value, classifier };
  }

  function describeOptions(options) {
    const parts = [t("find." + options.find)];
    if (findsFaces(options)) {
      parts.push(t("used.detector", t("detector." + options.detector)));
    }
    if (options.classifier) parts.push(t("used.classifier", options.classifier.name));
    return parts.join(" · ");
  }

  {
    const remembered = rememberedOptions();
    chooseIfListed($("find"), remembered.find);
    chooseIfListed($("detector"), remembered.detector);
    for (const id of ["find", "detector", "classifier"]) $(id).addEventListener("change", rememberOptions);
    for (const id of ["find", "classifier"]) $(id).addEventListener("change", showDetectorInUse);
    showDetectorInUse();
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
    const options = chosenOptions();
    for (const file of files) {
      const card = newCard(file);
      card.options = options;
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
      photoCard.options = card.options;
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
    resizes.unobserve(card.element.querySelector(".preview"));
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
        resizes.observe(canvas);
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
      for (const [option, wanted] of Object.entries(FIND[card.options.find])) form.append(option, String(wanted));
      form.append("detector", card.options.detector);
      if (card.options.classifier) form.append("classifier", card.options.classifier.value);
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
      const kind = t("kind.face", i + 1);
      const top = topClass(face);
      if (face.emotion) add(kind, face.emotion.label, face.emotion.score);
      if (top) add(kind, top.label, top.score);
      if (!face.emotion && !top) add(kind, t("face"), face.score);
    });
    for (const o of result.objects) add(t("kind.object"), o.label, o.score);
    if (list.children.length === (note ? 1 : 0)) {
      const item = document.createElement("li");
      item.textContent = t("nothing");
      list.appendChild(item);
    }
    if (card.options) card.element.querySelector(".used").textContent = describeOptions(card.options);
    drawOverlay(card, result);
    card.element.dataset.state = "done";
    updateStatus();
  }

  // a face classifier's best class for this face (the JSON leaves out an empty list)
  function topClass(face) {
    return face.classes && face.classes.length > 0 ? face.classes[0] : null;
  }

  function shortScore(score) {
    return Math.round(score * 100) + "%";
  }

  function faceText(face) {
    const parts = [];
    if (face.emotion) parts.push(labelName(face.emotion.label) + " " + shortScore(face.emotion.score));
    const top = topClass(face);
    if (top) parts.push(labelName(top.label) + " " + shortScore(top.score));
    return parts.length > 0 ? parts.join(" · ") : t("face") + " " + shortScore(face.score);
  }

  function svg(name, attributes) {
    const element = document.createElementNS(SVG_NS, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    return element;
  }

  // The text cut with an ellipsis to fit `room` pixels (a label never sticks out of the photo).
  function fitText(text, room) {
    if (measuring.measureText(text).width <= room) return text;
    let cut = text;
    while (cut.length > 1 && measuring.measureText(cut + "…").width > room) cut = cut.slice(0, -1);
    return cut + "…";
  }

  function overlaps(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }

  // Where a label of w × h goes for a box, inside the photo (width × height) and clear of the
  // places already taken: above the box, else inside its top, below it, inside its bottom, the
  // same on its right; when all of those are taken, the free spot nearest to "above the box"
  // among those beside the labels in the way; when there is none, above the box all the same.
  function placeLabel(box, w, h, width, height, taken) {
    const clamp = (x, y) => ({ x: Math.max(0, Math.min(x, width - w)), y: Math.max(0, Math.min(y, height - h)), w, h });
    const isFree = (spot) => !taken.some((other) => overlaps(spot, other));
    const right = box.x + box.w - w;
    const spots = [[box.x, box.y - h], [box.x, box.y], [box.x, box.y + box.h], [box.x, box.y + box.h - h],
      [right, box.y - h], [right, box.y], [right, box.y + box.h]].map(([x, y]) => clamp(x, y));
    const free = spots.find(isFree);
    if (free) return free;
    const preferred = spots[0];
    const xs = [box.x, right, ...taken.flatMap((other) => [other.x + other.w, other.x - w])];
    const ys = [box.y - h, box.y, box.y + box.h, ...taken.flatMap((other) => [other.y + other.h, other.y - h])];
    let best = null;
    let bestDistance = Infinity;
    for (const x of xs) {
      for (const y of ys) {
        const spot = clamp(x, y);
        const distance = Math.hypot(spot.x - preferred.x, spot.y - preferred.y);
        if (distance < bestDistance && isFree(spot)) {
          best = spot;
          bestDistance = distance;
        }
      }
    }
    return best || preferred;
  }

  // The part of the photo under the card's × button, in the overlay's pixels: no label goes there.
  function underRemoveButton(card, overlayBox) {
    const button = card.element.querySelector(".remove").getBoundingClientRect();
    return { x: button.left - overlayBox.left, y: button.top - overlayBox.top, w: button.width, h: button.height };
  }

  // Face boxes (with their emotion or class) and object boxes (with their label), each kind in
  // its colour, over the preview at its displayed size: boxes scale with the photo, labels keep
  // their size. The server reports the boxes in the photo's own pixels, with the size it used.
  function drawOverlay(card, result) {
    const overlay = card.element.querySelector(".overlay");
    overlay.replaceChildren();
    if (!card.image || !result.width) return;
    // the displayed size, to the fraction of a pixel (clientWidth rounds)
    const shown = card.element.querySelector(".preview").getBoundingClientRect();
    const { width, height } = shown;
    if (width === 0 || height === 0) return;
    overlay.setAttribute("width", width);
    overlay.setAttribute("height", height);
    overlay.setAttribute("viewBox", "0 0 " + width + " " + height);
    // one scale for both sides: the preview keeps the photo's proportions
    const scale = width / result.width;
    const shapes = [
      ...result.faces.map((face) => ({ kind: "face", box: face.box, score: face.score, text: faceText(face) })),
      ...result.objects.map((o) => ({ kind: "object", box: o.box, score: o.score,
        text: labelName(o.label) + " " + shortScore(o.score) })),
    ];
    const boxes = svg("g", { class: "box-layer" });
    const labels = svg("g", { class: "label-layer" }); // not "labels": the card's list is .labels
    for (const shape of shapes) {
      const [x, y, w, h] = shape.box;
      shape.place = { x: x * scale, y: y * scale, w: w * scale, h: h * scale };
      boxes.appendChild(svg("rect", { class: "box " + shape.kind, x: shape.place.x.toFixed(1),
        y: shape.place.y.toFixed(1), width: shape.place.w.toFixed(1), height: shape.place.h.toFixed(1) }));
    }
    // the most confident shapes take the best spots
    const taken = [underRemoveButton(card, shown)];
    for (const shape of [...shapes].sort((a, b) => b.score - a.score)) {
      const text = fitText(shape.text, width - 2 * LABEL_PADDING);
      const w = Math.min(width, measuring.measureText(text).width + 2 * LABEL_PADDING);
      const spot = placeLabel(shape.place, w, LABEL_HEIGHT, width, height, taken);
      taken.push(spot);
      const label = svg("g", { class: "label " + shape.kind });
      label.append(svg("rect", { x: spot.x.toFixed(1), y: spot.y.toFixed(1), width: w.toFixed(1), height: LABEL_HEIGHT }));
      const words = svg("text", { x: (spot.x + LABEL_PADDING).toFixed(1), y: (spot.y + LABEL_HEIGHT / 2).toFixed(1) });
      words.textContent = text;
      label.appendChild(words);
      labels.appendChild(label);
    }
    overlay.append(boxes, labels);
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
