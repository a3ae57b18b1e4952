// The archive's offline search. The index is a set of classic scripts (search/manifest.js,
// docs-N.js, terms-XY.js) that call archiveSearch.*: opened from disk, fetch() and modules are
// blocked, <script src> is not. Words match by prefix, ignoring case and accents; every word of the query
// must match; title and speaker matches rank above abstract matches.
(function () {
  "use strict";
  var manifest = null;
  var shards = {};
  var chunks = {};
  var waiting = {};
  var folded = { "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ı": "i", "þ": "th", "ð": "d" };

  function words(text) {
    var result = [];
    text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").split(/[^\p{L}\p{Nd}]+/u)
      .forEach(function (word) {
        word = word.replace(/[łøæœßđıþð]/g, function (c) { return folded[c]; });
        // One letter says too little (and its shard is not known yet): wait for the second.
        if (word.length > 1) result.push(word);
      });
    return result;
  }

  function shardOf(word) { return /^[a-z0-9]{2}/.test(word) ? word.slice(0, 2) : "_"; }

  function load(src, key, done) {
    if (waiting[key]) { waiting[key].push(done); return; }
    waiting[key] = [done];
    var script = document.createElement("script");
    script.src = src;
    script.onerror = function () { finish(key); };
    document.head.appendChild(script);
  }

  var loaded = {};

  function finish(key) {
    loaded[key] = true;
    var callbacks = waiting[key] || [];
    waiting[key] = [];
    callbacks.forEach(function (callback) { callback(); });
  }

  window.archiveSearch = {
    manifest: function (value) { manifest = value; finish("manifest"); },
    terms: function (name, value) { shards[name] = value; finish("terms-" + name); },
    docs: function (number, value) { chunks[number] = value; finish("docs-" + number); }
  };

  function need(keys, done) {
    var left = keys.filter(function (key) { return !loaded[key]; });
    if (left.length === 0) { done(); return; }
    var count = left.length;
    left.forEach(function (key) {
      load(key + ".js", key, function () { if (--count === 0) done(); });
    });
  }

  function search(query, done) {
    var queryWords = words(query);
    if (queryWords.length === 0) { done([], queryWords); return; }
    var keys = [];
    queryWords.forEach(function (word) {
      var shard = shardOf(word);
      if (manifest.shards.indexOf(shard) >= 0 && keys.indexOf("terms-" + shard) < 0) keys.push("terms-" + shard);
    });
    need(keys, function () {
      var scores = null;
      queryWords.forEach(function (word) {
        var best = {};
        var terms = shards[shardOf(word)] || {};
        Object.keys(terms).forEach(function (term) {
          if (term.lastIndexOf(word, 0) !== 0) return;
          var exact = term === word ? 1 : 0;
          terms[term].forEach(function (hit) {
            var score = hit[1] * 2 + exact;
            if (!(hit[0] in best) || best[hit[0]] < score) best[hit[0]] = score;
          });
        });
        if (scores === null) { scores = best; return; }
        var both = {};
        Object.keys(scores).forEach(function (doc) { if (doc in best) both[doc] = scores[doc] + best[doc]; });
        scores = both;
      });
      var ranked = Object.keys(scores || {}).map(Number).sort(function (a, b) {
        return scores[b] - scores[a] || a - b;
      });
      total = ranked.length;
      ranked = ranked.slice(0, 20);
      var docKeys = [];
      ranked.forEach(function (doc) {
        var key = "docs-" + Math.floor(doc / manifest.chunk);
        if (docKeys.indexOf(key) < 0) docKeys.push(key);
      });
      need(docKeys, function () {
        done(ranked.map(function (doc) { return chunks[Math.floor(doc / manifest.chunk)][doc % manifest.chunk]; }), queryWords);
      });
    });
  }

  var total = 0;

  function show(results, query) {
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result[1];
      link.textContent = result[0];
      item.appendChild(link);
      var meta = document.createElement("span");
      meta.className = "search-meta";
      meta.textContent = result[2];
      item.appendChild(meta);
      if (result[3]) {
        var people = document.createElement("span");
        people.className = "search-people";
        people.textContent = result[3];
        item.appendChild(people);
      }
      list.appendChild(item);
    });
    if (query.length === 0) status.textContent = "Type a word: a title, a speaker, an institute, a subject.";
    else status.textContent = total === 0 ? "No matches." : total === 1 ? "1 match." :
      total + " matches" + (total > results.length ? "; the best " + results.length + " are shown." : ".");
  }

  function start() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-query");
    if (!form || !input) return;
    document.documentElement.classList.add("search-ready");
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var timer = null;
    function run() {
      var query = input.value;
      search(query, function (results, queryWords) {
        if (input.value === query) show(results, queryWords);
      });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
      var first = document.querySelector("#search-results a");
      if (first) first.focus();
    });
    need(["manifest"], run);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
