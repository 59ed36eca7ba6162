/* The chat widget itself. build.sh wraps this file with the socket.io client (`io`) and the UI
 * texts (`TEXTS`, src/texts.json) into static/widget.js; this file stays plain ES5-style
 * JavaScript so that the bundle needs no compiler. */
(function () {
  "use strict";

  var script = document.currentScript;
  var SERVER = (script && script.getAttribute("data-server")) || window.location.origin;
  var STYLESHEET = new URL("widget.css", script ? script.src : window.location.href).href;
  var LANGUAGE_CODES = ["ja", "ja-easy", "en", "zh", "ko", "vi"];
  var DEFAULT_LANGUAGE = "ja";  // the assistant's, until a conversation chooses another
  var STORE_KEY = "chiba-webchat";   // localStorage: session id and language (the conversation)
  var TRANSCRIPT_KEY = "chiba-webchat-transcript";  // sessionStorage: what this tab has shown
  var MAX_KEPT_MESSAGES = 200;
  // Japanese and Chinese punctuation (brackets, commas, full stops) ends an address.
  var TEL_PAYLOAD = /^tel:[0-9+#*-]+$/;
  var SIMPLIFIED_CHINESE = /[\uff0c\u4eec\u8fd9\u8bf7\u60a8\u4e48\u5417\u5462\u8bf4\u8bed\u95ee\u9898\u8fd8\u5bf9\u8fc7\u65f6\u8ba9\u8be5]/;
  var URL_PATTERN = /https?:\/\/[^\s<>"'\u300c\u300d\u300e\u300f\uff08\uff09\u3001\u3002\uff0c\uff01\uff1f]+/g;

  function readJson(storage, key) {
    try {
      return JSON.parse(storage.getItem(key)) || null;
    } catch (e) {  // storage disabled or a broken value: start afresh
      return null;
    }
  }

  function writeJson(storage, key, value) {
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: the widget still works, without memory */ }
  }

  // A new conversation starts in the first of the browser's languages the assistant speaks
  // (easy Japanese is only ever chosen by the resident); Japanese if none.
  function browserLanguage() {
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages
      : [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var primary = String(wanted[i]).toLowerCase().split("-")[0];
      if (primary !== "ja-easy" && LANGUAGE_CODES.indexOf(primary) >= 0) return primary;
    }
    return DEFAULT_LANGUAGE;
  }

  var saved = readJson(window.localStorage, STORE_KEY) || {};
  var state = {
    sessionId: typeof saved.sessionId === "string" ? saved.sessionId : null,
    language: LANGUAGE_CODES.indexOf(saved.language) >= 0 ? saved.language : browserLanguage(),
    transcript: readJson(window.sessionStorage, TRANSCRIPT_KEY) || {messages: [], open: false}
  };
  // A new conversation tells the assistant its language first, as the language picker does
  // (Japanese is the assistant's own default: nothing to tell).
  var languageToAnnounce = !state.sessionId && state.language !== DEFAULT_LANGUAGE;

  function saveSession() {
    writeJson(window.localStorage, STORE_KEY, {sessionId: state.sessionId, language: state.language});
  }

  function saveTranscript() {
    state.transcript.messages = state.transcript.messages.slice(-MAX_KEPT_MESSAGES);
    writeJson(window.sessionStorage, TRANSCRIPT_KEY, state.transcript);
  }

  function t(key, values) {
    var text = TEXTS.texts[key][state.language];
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  // BCP 47 for the `lang` attribute: easy Japanese is Japanese to a screen reader, and the
  // assistant's Chinese is written in simplified characters.
  function htmlLang(code) {
    return code === "ja-easy" ? "ja" : code === "zh" ? "zh-Hans" : code;
  }

  // The `lang` of a message: the language it is written in.
  function languageOf(text) {
    return htmlLang(writtenIn(text) || state.language);
  }

  // Which language (ja, en, zh, ko, vi) a message is written in, from the script most of its
  // letters are in; null without letters (replies carry no language tag; a Korean list may
  // well name a Japanese place).
  function writtenIn(text) {
    var letters = text.replace(URL_PATTERN, "");
    var count = function (pattern) { return (letters.match(pattern) || []).length; };
    var kana = count(/[\u3040-\u30ff]/g);
    var han = count(/[\u4e00-\u9fff]/g);
    var scores = {
      ja: kana ? kana + han : 0,
      zh: kana ? 0 : han,
      ko: count(/[\uac00-\ud7af\u1100-\u11ff]/g),
      latin: count(/[a-z\u00c0-\u024f\u1e00-\u1eff]/gi)
    };
    var best = Object.keys(scores).reduce(function (a, b) { return scores[b] > scores[a] ? b : a; });
    if (!scores[best]) return null;
    if (best === "latin") return /[\u0103\u0111\u01a1\u01b0\u1ea0-\u1ef9]/i.test(letters) ? "vi" : "en";
    // Kanji only is Japanese in a Japanese conversation (a place name), unless simplified
    // Chinese shows: its own characters or its full-width comma (Japanese writes U+3001).
    if (best === "zh" && /^ja/.test(state.language) && !SIMPLIFIED_CHINESE.test(letters)) return "ja";
    return best;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // An element whose text (or one attribute) is a UI text, kept in the current UI language.
  function localized(node, key, attribute, values) {
    node.setAttribute("data-t", key);
    if (attribute) node.setAttribute("data-t-attr", attribute);
    if (values) node.setAttribute("data-t-values", JSON.stringify(values));
    translate(node);
    return node;
  }

  function translate(node) {
    var values = node.getAttribute("data-t-values");
    var text = t(node.getAttribute("data-t"), values ? JSON.parse(values) : null);
    var attribute = node.getAttribute("data-t-attr");
    if (attribute) {
      node.setAttribute(attribute, text);
    } else {
      node.textContent = text;
      node.setAttribute("lang", htmlLang(state.language));
    }
  }

  // Bot text as text nodes and safe links: never parsed as HTML.
  function linkified(text) {
    var nodes = [];
    var last = 0;
    text.replace(URL_PATTERN, function (match, offset) {
      var url = match.replace(/[.,;:!?)\]]+$/, "");
      nodes.push(document.createTextNode(text.slice(last, offset)));
      var link = element("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, [url]);
      link.appendChild(localized(element("span", {"class": "cw-sr-only"}), "newTab"));
      nodes.push(link);
      last = offset + url.length;
      return match;
    });
    nodes.push(document.createTextNode(text.slice(last)));
    return nodes;
  }

  // ---- the DOM, inside a shadow root so the host page's styles and ours never mix ----
  var host = element("div", {id: "chiba-webchat"});
  var root = host.attachShadow({mode: "open"});
  var stylesheet = element("link", {rel: "stylesheet", href: STYLESHEET});
  var frame = element("div", {"class": "cw", hidden: ""});
  stylesheet.addEventListener("load", function () { frame.removeAttribute("hidden"); });

  var unreadDot = element("span", {"class": "cw-dot", hidden: ""});
  var launcher = element("button", {type: "button", "class": "cw-launcher",
    "aria-expanded": "false", "aria-controls": "cw-panel"},
  [element("span", {"class": "cw-icon", "aria-hidden": "true"}, ["\ud83d\udcac"]),
    localized(element("span"), "launcher"), unreadDot]);

  var title = localized(element("h2", {id: "cw-title"}), "title");
  var languageLabel = element("span");
  var languageToggle = element("button", {type: "button", "class": "cw-lang-toggle",
    "aria-expanded": "false", "aria-controls": "cw-langs"},
  [element("span", {"aria-hidden": "true"}, ["\ud83c\udf10 "]), languageLabel]);
  var closeButton = localized(element("button", {type: "button", "class": "cw-close"},
    [element("span", {"aria-hidden": "true"}, ["\u00d7"])]), "close", "aria-label");
  var languageList = localized(element("div", {id: "cw-langs", "class": "cw-langs",
    role: "group", hidden: ""}), "chooseLanguage", "aria-label");
  var languageButtons = LANGUAGE_CODES.map(function (code) {
    var button = element("button", {type: "button", lang: htmlLang(code), "data-language": code},
      [TEXTS.languages[code]]);
    button.addEventListener("click", function () { chooseLanguage(code); });
    languageList.appendChild(button);
    return button;
  });
  var log = localized(element("div", {"class": "cw-log", role: "log", "aria-live": "polite",
    tabindex: "0"}), "log", "aria-label");
  var status = element("p", {"class": "cw-status", role: "status"});
  var input = element("input", {id: "cw-input", type: "text", autocomplete: "off",
    maxlength: "1000", enterkeyhint: "send"});
  localized(input, "placeholder", "placeholder");
  var form = element("form", {"class": "cw-form"}, [
    localized(element("label", {"for": "cw-input", "class": "cw-sr-only"}), "inputLabel"),
    input,
    localized(element("button", {type: "submit", "class": "cw-send"}), "send")
  ]);
  var locationButton = element("button", {type: "button", "class": "cw-location"}, [
    element("span", {"aria-hidden": "true"}, ["\ud83d\udccd "]),
    localized(element("span"), "shareLocation")
  ]);
  var panel = element("section", {id: "cw-panel", "class": "cw-panel", role: "dialog",
    "aria-labelledby": "cw-title", hidden: ""}, [
    element("header", {}, [title, languageToggle, closeButton]),
    languageList, log, status, form, locationButton
  ]);
  frame.appendChild(launcher);
  frame.appendChild(panel);
  root.appendChild(stylesheet);
  root.appendChild(frame);

  function renderLanguage() {
    languageLabel.textContent = TEXTS.languages[state.language];
    languageLabel.setAttribute("lang", htmlLang(state.language));
    // Screen-reader names start with what is shown (WCAG 2.5.3, label in name).
    languageToggle.setAttribute("aria-label",
      TEXTS.languages[state.language] + " \u2014 " + t("chooseLanguage"));
    languageButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-language") === state.language));
    });
    panel.setAttribute("lang", htmlLang(state.language));
    Array.prototype.forEach.call(root.querySelectorAll("[data-t]"), translate);
    renderLauncherLabel();
  }

  function renderLauncherLabel() {
    var unread = !unreadDot.hasAttribute("hidden");
    launcher.setAttribute("aria-label", t("launcher") + " \u2014 " + t("open") +
      (unread ? " \u2014 " + t("unread") : ""));
    launcher.setAttribute("lang", htmlLang(state.language));
  }

  // ---- messages ----
  function renderMessage(message) {
    var speaker = message.kind === "user" ? "you" : "assistant";
    var node = element("div", {"class": "cw-msg cw-" + message.kind});
    if (message.kind === "staff") {
      node.appendChild(localized(element("p", {"class": "cw-staff-label"}),
        message.staffName ? "staffNamed" : "staff",
        null, message.staffName ? {name: message.staffName} : null));
    } else if (message.kind !== "notice") {
      node.appendChild(localized(element("span", {"class": "cw-sr-only"}), speaker));
    }
    var textNode;
    if (message.kind === "notice") {
      textNode = localized(element("p", {"class": "cw-text"}), message.key);
    } else {
      textNode = element("p", {"class": "cw-text", lang: languageOf(message.text)},
        message.kind === "user" ? [message.text] : linkified(message.text));
    }
    node.appendChild(textNode);
    if (message.replies && message.replies.length) {
      var group = localized(element("div", {"class": "cw-replies", role: "group"}),
        "replies", "aria-label");
      message.replies.forEach(function (reply) {
        if (TEL_PAYLOAD.test(reply.payload)) {  // a number to call: the phone dials it
          group.appendChild(element("a", {"class": "cw-call", href: reply.payload,
            lang: languageOf(reply.title)}, [reply.title]));
          return;
        }
        var button = element("button", {type: "button", lang: languageOf(reply.title)}, [reply.title]);
        button.addEventListener("click", function () {
          send(reply.payload, reply.title);
          input.focus();  // the buttons are gone: keep keyboard users where they type
        });
        group.appendChild(button);
      });
      node.appendChild(group);
    }
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
  }

  function addMessage(message) {
    state.transcript.messages.push(message);
    saveTranscript();
    renderMessage(message);
  }

  // Suggested replies belong to the moment they were offered: gone once the resident answers.
  function dropReplies() {
    state.transcript.messages.forEach(function (message) { delete message.replies; });
    Array.prototype.forEach.call(log.querySelectorAll(".cw-replies"), function (group) {
      group.parentNode.removeChild(group);
    });
  }

  function messageFromBot(payload) {
    if (!payload || typeof payload !== "object") return null;
    var text = typeof payload.text === "string" ? payload.text : "";
    var attachment = payload.attachment;
    if (!text && attachment && attachment.payload && typeof attachment.payload.src === "string") {
      text = attachment.payload.src;  // an image: shown as its (clickable) address
    }
    if (!text) return null;
    var message = {kind: payload.from === "staff" ? "staff" : "bot", text: text};
    if (message.kind === "staff" && typeof payload.staff_name === "string" && payload.staff_name) {
      message.staffName = payload.staff_name;
    }
    var replies = (payload.quick_replies || []).filter(function (reply) {
      return reply && typeof reply.title === "string" && typeof reply.payload === "string";
    });
    if (replies.length) {
      message.replies = replies.map(function (r) { return {title: r.title, payload: r.payload}; });
    }
    return message;
  }

  // ---- the connection: one Rasa conversation per browser, kept across reloads and drops ----
  var socket = null;
  var confirmed = false;
  var outbox = [];

  function showStatus(key) {
    if (key) {
      localized(status, key);
    } else {
      status.removeAttribute("data-t");
      status.textContent = "";
    }
  }

  function flush() {
    while (confirmed && outbox.length) {
      socket.emit("user_uttered", {message: outbox.shift(), session_id: state.sessionId});
    }
  }

  function connect() {
    if (socket) return;
    if (languageToAnnounce) {  // before anything the resident may already have typed
      languageToAnnounce = false;
      outbox.unshift(chooseLanguagePayload(state.language));
    }
    showStatus("connecting");
    socket = io(SERVER, {path: "/socket.io"});
    socket.on("connect", function () {
      // Every (re)connection asks for the same conversation: Rasa puts this socket in its room.
      socket.emit("session_request", {session_id: state.sessionId});
    });
    socket.on("session_confirm", function (sessionId) {
      if (typeof sessionId === "string" && sessionId) {
        state.sessionId = sessionId;
        saveSession();
      }
      confirmed = true;
      showStatus(null);
      flush();
    });
    socket.on("disconnect", function (reason) {
      confirmed = false;
      showStatus("reconnecting");
      if (reason === "io server disconnect") socket.connect();  // the client retries the rest
    });
    socket.on("bot_uttered", function (payload) {
      var message = messageFromBot(payload);
      if (!message) return;
      if (message.kind === "bot") followLanguage(writtenIn(message.text));
      addMessage(message);
      if (panel.hasAttribute("hidden")) {
        unreadDot.removeAttribute("hidden");
        renderLauncherLabel();
      }
    });
  }

  function send(message, shown) {
    dropReplies();
    addMessage({kind: "user", text: shown});
    outbox.push(message);
    connect();
    flush();
  }

  function chooseLanguagePayload(code) {
    return "/choose_language" + JSON.stringify({language: code});
  }

  function setLanguage(code) {
    state.language = code;
    saveSession();
    renderLanguage();
  }

  function chooseLanguage(code) {
    languageToAnnounce = false;  // the choice itself tells the assistant
    setLanguage(code);
    setLanguageListOpen(false);
    send(chooseLanguagePayload(code), TEXTS.languages[code]);
    input.focus();
  }

  // The assistant answers in the conversation's language, and switches it when the resident
  // writes in another: the widget follows the language of its replies (staff write as they
  // like). Easy Japanese reads as Japanese, so it stays until the resident picks another.
  function followLanguage(code) {
    if (!code || code === state.language || (code === "ja" && state.language === "ja-easy")) return;
    setLanguage(code);
  }

  function shareLocation() {
    if (!navigator.geolocation) {
      addMessage({kind: "notice", key: "locationUnavailable"});
      return;
    }
    showStatus("locating");
    navigator.geolocation.getCurrentPosition(function (position) {
      showStatus(null);
      var where = {latitude: position.coords.latitude, longitude: position.coords.longitude};
      send("/share_location" + JSON.stringify(where), t("locationSent"));
    }, function (error) {
      showStatus(null);
      addMessage({kind: "notice",
        key: error.code === error.PERMISSION_DENIED ? "locationDenied" : "locationUnavailable"});
    }, {timeout: 15000, maximumAge: 60000});
  }

  // ---- opening, closing, keyboard ----
  function setOpen(open) {
    if (open) {
      panel.removeAttribute("hidden");
      unreadDot.setAttribute("hidden", "");
      if (!state.transcript.messages.length) addMessage({kind: "notice", key: "welcome"});
      connect();
    } else {
      panel.setAttribute("hidden", "");
      setLanguageListOpen(false);
    }
    launcher.setAttribute("aria-expanded", String(open));
    frame.setAttribute("data-open", String(open));
    state.transcript.open = open;
    saveTranscript();
    renderLauncherLabel();
  }

  function setLanguageListOpen(open) {
    if (open) languageList.removeAttribute("hidden"); else languageList.setAttribute("hidden", "");
    languageToggle.setAttribute("aria-expanded", String(open));
  }

  launcher.addEventListener("click", function () {
    setOpen(panel.hasAttribute("hidden"));
    if (!panel.hasAttribute("hidden")) input.focus();
  });
  closeButton.addEventListener("click", function () {
    setOpen(false);
    launcher.focus();
  });
  languageToggle.addEventListener("click", function () {
    var open = languageList.hasAttribute("hidden");
    setLanguageListOpen(open);
    if (open) languageButtons[LANGUAGE_CODES.indexOf(state.language)].focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    if (!languageList.hasAttribute("hidden")) {
      setLanguageListOpen(false);
      languageToggle.focus();
    } else {
      setOpen(false);
      launcher.focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  });
  locationButton.addEventListener("click", shareLocation);

  function start() {
    document.body.appendChild(host);
    state.transcript.messages.forEach(renderMessage);
    renderLanguage();
    setOpen(Boolean(state.transcript.open));
    // A conversation under way keeps listening (staff may answer while the panel is closed).
    if (state.transcript.messages.length) connect();
  }

  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
