/*
 * bulletin's part of the web editor at /admin/: runs before Decap CMS starts.
 *
 * - Reads and writes issue files and site.yaml itself (js-yaml, with bulletin's
 *   own reading of YAML: 07700900123 stays text, dates stay text), turning the
 *   maps that editors key by name (news stories, contacts) into the lists a form
 *   can show, and back, and leaving out fields left empty.
 * - Refuses to save what `bulletin check` would refuse across fields (an event
 *   that ends before it starts, a contact not in the directory), in its words.
 * - Shows the preview with the site's own stylesheet and the issue page's layout.
 *
 * Everything it needs from the site comes from the page's JSON block
 * #bulletin-form, written by the build from the same models as the form.
 */
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  var spec = JSON.parse(document.getElementById("bulletin-form").textContent);

  function yamlSchema() {
    var Y = window.jsyaml;
    var whole = /^[-+]?(?:0|[1-9][0-9]*)$/;
    var decimal = /^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$/;
    var integer = new Y.Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: function (text) { return text !== null && whole.test(text); },
      construct: function (text) { return parseInt(text, 10); },
      predicate: function (value) { return Number.isInteger(value); },
      represent: function (value) { return String(value); }
    });
    var float = new Y.Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: function (text) { return text !== null && decimal.test(text); },
      construct: function (text) { return parseFloat(text); },
      predicate: function (value) { return typeof value === "number" && !Number.isInteger(value); },
      represent: function (value) { return String(value); }
    });
    return Y.FAILSAFE_SCHEMA.extend({ implicit: [Y.types.null, Y.types.bool, integer, float] });
  }
  var SCHEMA = yamlSchema();

  /* Calls visit(holder, key) for every place a dotted path reaches, through lists. */
  function each(node, parts, visit) {
    if (Array.isArray(node)) {
      node.forEach(function (item) { each(item, parts, visit); });
      return;
    }
    if (node === null || typeof node !== "object") return;
    if (parts.length === 1) {
      visit(node, parts[0]);
      return;
    }
    each(node[parts[0]], parts.slice(1), visit);
  }

  function byDepth(paths) {
    return paths.slice().sort(function (a, b) { return a.split(".").length - b.split(".").length; });
  }

  function mapToList(holder, key, keyName) {
    var map = holder[key];
    if (map === null || typeof map !== "object" || Array.isArray(map)) return;
    holder[key] = Object.keys(map).map(function (name) {
      var item = {};
      item[keyName] = name;
      return Object.assign(item, map[name] || {});
    });
  }

  function listToMap(holder, key, keyName) {
    var list = holder[key];
    if (!Array.isArray(list)) return;
    var map = {};
    list.forEach(function (item) {
      var rest = Object.assign({}, item);
      var name = rest[keyName];
      delete rest[keyName];
      if (name) map[name] = rest;
    });
    holder[key] = map;
  }

  /* What a file holds, as the form shows it. */
  function toForm(data, format) {
    byDepth(Object.keys(format.keyed)).forEach(function (path) {
      each(data, path.split("."), function (holder, key) { mapToList(holder, key, format.keyed[path]); });
    });
    format.listed.forEach(function (path) {
      each(data, path.split("."), function (holder, key) {
        var value = holder[key];
        if (value !== undefined && value !== null && !Array.isArray(value)) holder[key] = [value];
      });
    });
    Object.keys(format.alone).forEach(function (path) {
      each(data, path.split("."), function (holder, key) {
        var value = holder[key];
        if (typeof value !== "string") return;
        holder[key] = {};
        holder[key][format.alone[path]] = value;
      });
    });
    Object.keys(format.bare).forEach(function (path) {
      each(data, path.split("."), function (holder, key) {
        var value = holder[key];
        if (value === undefined || value === null) return;
        holder[key] = (Array.isArray(value) ? value : [value]).map(function (item) {
          if (item !== null && typeof item === "object") return item;
          var whole = {};
          whole[format.bare[path]] = String(item);
          return whole;
        });
      });
    });
    return data;
  }

  function isEmpty(value) {
    if (value === undefined || value === null || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    return typeof value === "object" && Object.keys(value).length === 0;
  }

  /* Fields left empty in the form are left out of the file, as an editor would. */
  function withoutEmpty(value) {
    if (Array.isArray(value)) {
      return value.map(withoutEmpty).filter(function (item) { return !isEmpty(item); });
    }
    if (value === null || typeof value !== "object") return value;
    var kept = {};
    Object.keys(value).forEach(function (key) {
      var item = withoutEmpty(value[key]);
      if (!isEmpty(item)) kept[key] = item;
    });
    return kept;
  }

  /* Every group's fields in the models' order, whatever order the form put them in. */
  function inOrder(value, path, order) {
    if (Array.isArray(value)) return value.map(function (item) { return inOrder(item, path, order); });
    if (value === null || typeof value !== "object") return value;
    var sorted = {};
    (order[path] || []).concat(Object.keys(value)).forEach(function (key) {
      if (key in value && !(key in sorted)) sorted[key] = inOrder(value[key], path ? path + "." + key : key, order);
    });
    return sorted;
  }

  /* What the form holds, as the file keeps it. */
  function toFile(data, format) {
    var kept = inOrder(withoutEmpty(data), "", format.order);
    byDepth(Object.keys(format.keyed)).reverse().forEach(function (path) {
      each(kept, path.split("."), function (holder, key) { listToMap(holder, key, format.keyed[path]); });
    });
    return kept;
  }

  function dump(data) {
    return window.jsyaml.dump(data, { schema: SCHEMA, lineWidth: -1, noRefs: true });
  }

  function load(text) {
    var data = window.jsyaml.load(text, { schema: SCHEMA });
    return data && typeof data === "object" ? data : {};
  }

  var frontMatter = {
    fromFile: function (content) {
      var match = /^---\r?\n([\s\S]*?)\r?\n?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(content);
      var data = match ? load(match[1]) : {};
      data = toForm(data, spec.formats["bulletin-frontmatter"]);
      data.body = (match ? match[2] : content).replace(/^(?:\r?\n)+/, "");
      return data;
    },
    toFile: function (data) {
      var front = Object.assign({}, data);
      var body = String(front.body || "").replace(/^\n+/, "").replace(/\s*$/, "\n");
      delete front.body;
      front = toFile(front, spec.formats["bulletin-frontmatter"]);
      return "---\n" + dump(front) + "---\n\n" + body;
    }
  };

  var settingsFile = {
    fromFile: function (content) { return toForm(load(content), spec.formats["bulletin-yaml"]); },
    toFile: function (data) { return dump(toFile(data, spec.formats["bulletin-yaml"])); }
  };

  function hasTime(value) { return /T/.test(String(value)); }

  function fill(message, values) {
    return message.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  /* Groups that may be left out but, once begun, need their required fields. */
  function unfinishedGroups(data, format) {
    var found = [];
    Object.keys(format.groups).forEach(function (path) {
      var group = format.groups[path];
      each(data, path.split("."), function (holder, key) {
        var value = holder[key];
        if (isEmpty(withoutEmpty(value))) return;
        Object.keys(group.fields).forEach(function (name) {
          if (isEmpty(value[name])) {
            found.push(fill(spec.messages.group, { group: group.label, field: group.fields[name] }));
          }
        });
      });
    });
    return found;
  }

  /* The rules that span fields, as the build's models check them, in the build's words. */
  function problems(data) {
    var say = spec.messages;
    var found = unfinishedGroups(data, spec.formats["bulletin-frontmatter"]);
    (data.events || []).forEach(function (event, index) {
      var name = "Event " + (index + 1) + (event.title ? " (" + event.title + ")" : "");
      var placeToCome = [].concat(event.to_be_confirmed || []).indexOf("place") >= 0;
      if (!event.online && !event.place && !placeToCome) found.push(name + ": " + say.where);
      if (!event.start || !event.end) return;
      if (hasTime(event.start) !== hasTime(event.end)) found.push(name + ": " + say.same_kind);
      else if (String(event.end) < String(event.start)) {
        found.push(name + ": " + fill(say.ends, { end: event.end, start: event.start, title: event.title || "" }));
      }
    });
    (data.courses || []).forEach(function (course, index) {
      if (!isEmpty(course.booking) && !isEmpty(course.interest)) {
        found.push("Course " + (index + 1) + ": " + fill(say.one_link, { title: course.title || "" }));
      }
    });
    (data.news || []).forEach(function (story) {
      (story.actions || []).forEach(function (action, index) {
        var ways = ["phone", "email", "url"].filter(function (way) { return !isEmpty(action[way]); });
        if (ways.length !== 1) {
          found.push("News " + (story.id || "") + ", action " + (index + 1) + ": " + say.one_way);
        }
      });
    });
    (data.contacts || []).forEach(function (key) {
      if (spec.contacts.indexOf(key) < 0) {
        found.push(fill(say.contact, { key: key }) + "; " +
          fill(say.contact_keys, { keys: spec.contacts.join(", ") || "none yet" }));
      }
    });
    return found;
  }

  function refuseProblems(event) {
    var entry = event.entry;
    var data = entry.get("data").toJS();
    var found = entry.get("collection") === "issues" ? problems(data)
      : unfinishedGroups(data, spec.formats["bulletin-yaml"]);
    if (found.length) throw new Error(found.join(" "));
    return undefined;
  }

  function text(value) { return value === undefined || value === null ? "" : String(value); }

  function eventPreview(h, event) {
    var where = event.get("online") ? "Online" + (event.get("place") ? ", and at " + event.get("place") : "")
      : text(event.get("place"));
    var when = text(event.get("start")).replace("T", " ") +
      (event.get("end") ? " to " + text(event.get("end")).replace("T", " ") : "");
    return h("div", { className: "event" },
      h("h3", { className: "event__title" }, text(event.get("title"))),
      h("dl", { className: "event__facts" },
        h("dt", null, "When"), h("dd", null, when + " (" + spec.site.timezone + ")"),
        h("dt", null, "Where"), h("dd", null, where),
        event.get("organiser") ? h("dt", null, "Organised by") : null,
        event.get("organiser") ? h("dd", null, text(event.get("organiser"))) : null));
  }

  /* The issue page's own layout and classes, so the site's stylesheet shows it as readers will. */
  function issuePreview() {
    var h = window.h;
    return window.createClass({
      render: function () {
        var data = this.props.entry.get("data");
        var events = data.get("events");
        var number = data.get("number");
        return h("main", { className: "width-container" },
          h("article", { className: "issue" },
            h("header", { className: "issue-header" },
              h("p", { className: "issue-header__kicker" }, spec.site.title + (number ? " · Issue " + number : "")),
              h("h1", { className: "page-title" }, text(data.get("title"))),
              h("p", { className: "issue-header__meta" }, "Published " + text(data.get("date")) +
                (data.get("draft") ? " · Draft: not yet published" : "")),
              h("p", { className: "lead" }, text(data.get("summary")))),
            h("div", { className: "prose" }, this.props.widgetFor("body")),
            events && events.size ? h("section", { className: "section", "aria-label": "Events" },
              h("h2", null, "Events and training"),
              events.map(function (event) { return eventPreview(h, event); }).toArray()) : null));
      }
    });
  }

  function start() {
    var CMS = window.CMS;
    CMS.registerCustomFormat("bulletin-frontmatter", "md", frontMatter);
    CMS.registerCustomFormat("bulletin-yaml", "yaml", settingsFile);
    spec.styles.forEach(function (href) { CMS.registerPreviewStyle(new URL(href, document.baseURI).href); });
    CMS.registerPreviewTemplate("issues", issuePreview());
    CMS.registerEventListener({ name: "preSave", handler: refuseProblems });
    CMS.init();
  }

  window.bulletinForm = { problems: problems, frontMatter: frontMatter, settingsFile: settingsFile };
  document.addEventListener("DOMContentLoaded", start);
})();
